package io.leadwire.campaign.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import io.leadwire.campaign.delivery.Delivery;
import io.leadwire.campaign.delivery.Effective;
import io.leadwire.campaign.recipients.CampaignRecipient;
import io.leadwire.campaign.recipients.RecipientStore;
import io.leadwire.common.api.JobStatus;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.job.JobLeases;
import io.leadwire.common.job.JobRunner;
import io.leadwire.common.outbox.OutboxEvent;
import io.leadwire.common.outbox.OutboxRelay;
import tools.jackson.databind.ObjectMapper;

/**
 * Feeds messaging a bounded window of every running campaign's due recipients, one loop
 * per WhatsApp session ({@link Lane}, leased: one replica at a time). The campaign's pace
 * gives each recipient its time ({@code notBefore}) — {@code sequential}: every
 * {@code 60 s / ratePerMinute}; {@code random}: a gap drawn between half and one and a
 * half of that (the same mean), the recipients in a random order within the next
 * {@value #RANDOM_WINDOW}; {@code burst}: no gap; {@code antiBanEnabled}: a break of
 * {@value #BREAK_GAPS} gaps after every {@value #BREAK_EVERY} messages — and messaging's
 * lane of the session waits for that time and for the session's own rate: it is the one
 * place that waits, so nothing here waits for a message's round trip. The loop hands over
 * the recipients due within the next {@value #HORIZON_MILLIS} ms, the campaign due first
 * first (campaigns sharing a session take turns), while fewer than its window
 * ({@link #limit}) await their outcome; once the window is full, a campaign is handed
 * more when a quarter of it is free again ({@link #minRoom}), so a pass hands over many,
 * not a few. Emitting is one bulk of conditional writes ({@code pending → sending}), each
 * carrying its {@code MessageDispatchRequested} in the recipient's outbox. A pause,
 * resume or cancel reaches the messages already handed over through
 * {@code campaign.control} ({@link CampaignRuns}).
 * <p>
 * Delivery rules (docs/deliverability.md) apply as recipients are handed over: one
 * outside its sending window (in its own local time) is held until it opens and the
 * campaign goes on with the others; the session's daily cap is reserved before a
 * hand-over, and a campaign that reached it waits for the next day. Both are judged by
 * {@link Delivery#clock()}; pacing is by the system's clock.
 */
@Service
class SessionLanes {

	static final int RANDOM_WINDOW = 50;

	/** The reason of a recipient skipped by the tenant's frequency cap. */
	static final String FREQUENCY_CAP = "frequency_cap";

	static final int BREAK_EVERY = 20;

	static final int BREAK_GAPS = 3;

	/** How far ahead of their time recipients are handed to messaging. */
	static final long HORIZON_MILLIS = 5_000;

	/**
	 * A campaign is handed more once what it was handed covers less than {@value} ms: a
	 * pass hands over about {@code HORIZON_MILLIS - REFILL_MILLIS} of its pace at once
	 * rather than one message whenever the next enters the horizon.
	 */
	static final long REFILL_MILLIS = 2_500;

	/**
	 * How many messages may await their outcome: {@value} ms of the campaign's rate (so a
	 * broker outage or a stalled session stops emission rather than building a backlog).
	 */
	static final long WINDOW_MILLIS = 15_000;

	/**
	 * A campaign's window at most, whatever its rate: {@value} messages in flight carry
	 * 500 msg/s per campaign at a second's round trip, far beyond what one machine sends,
	 * while the queues between campaign and messaging (the outbox, the topic's
	 * partitions, the intake), which every tenant shares first in first out, hold at most
	 * this many of each running campaign ahead of another tenant's messages. At 10,000 a
	 * 100,000-recipient burst kept tenant B's 20 messages waiting 49.8 s
	 * (docs/performance.md, "Fairness").
	 */
	static final int MAX_WINDOW = 500;

	/**
	 * A campaign whose window is fuller than this share of it is handed nothing more: it
	 * waits until a quarter of its window is free, then gets that much at once. Without
	 * it a burst campaign, its window always nearly full, was handed a few messages on
	 * every pass (20,000 recipients took 3,280 passes of about eight reads and writes
	 * each); with it, a few hundred.
	 */
	static final int ROOM_SHARE = 4;

	/** How soon a campaign with too little room in its window is looked at again. */
	static final Duration WINDOW_FULL = Duration.ofMillis(500);

	/** Recipients one emission writes at most. */
	static final int MAX_EMIT = 500;

	/**
	 * How many pending recipients a pass looks at when a sending window applies: those
	 * outside it are held (passed over until it opens) as they are met.
	 */
	static final int HOLD_BATCH = 500;

	/**
	 * How soon a campaign whose recipients all wait (their window, the session's daily
	 * cap) is looked at again: a window that opened, a new day or changed settings are
	 * seen within this.
	 */
	static final Duration RECHECK = Duration.ofSeconds(5);

	private static final Logger log = LoggerFactory.getLogger(SessionLanes.class);

	private static final Duration IDLE = Duration.ofMillis(200);

	/** How often the running campaigns are read again when nothing else asks for it. */
	private static final Duration REREAD = Duration.ofSeconds(2);

	/**
	 * How long a loop with nothing due sleeps at most: a launch, resume or freeze on
	 * another replica is seen within this; one on this replica wakes it at once.
	 */
	private static final Duration POLL = Duration.ofSeconds(1);

	private final CampaignStore campaigns;

	private final RecipientStore recipients;

	private final LaneStore lanes;

	private final ObjectMapper json;

	private final ObjectProvider<OutboxRelay> relay;

	private final ExecutorService loops = Executors.newVirtualThreadPerTaskExecutor();

	private final JobRunner<Lane> runner;

	private final DispatchMeters meters;

	private final Delivery delivery;

	/** The loops running on this replica, each woken by a release. */
	private final Map<Long, Semaphore> signals = new ConcurrentHashMap<>();

	SessionLanes(CampaignStore campaigns, RecipientStore recipients, LaneStore lanes, ObjectMapper json,
			ObjectProvider<OutboxRelay> relay, JobLeases leases, DispatchMeters meters, Delivery delivery) {
		this.campaigns = campaigns;
		this.delivery = delivery;
		this.recipients = recipients;
		this.lanes = lanes;
		this.meters = meters;
		this.json = json;
		this.relay = relay;
		this.runner = new JobRunner<>("session-lanes", leases, Lane.class, Lane::id, 256, Duration.ofSeconds(2),
				(lane, lease) -> this.loops.execute(() -> run(lane.id(), lease)));
	}

	/** A campaign of the session started or resumed: its loop runs (again). */
	void wake(TenantScope scope, long sessionId) {
		this.lanes.wake(scope, sessionId);
		Semaphore signal = this.signals.get(sessionId);
		if (signal != null) {
			signal.release();
		}
		else {
			this.runner.submitted(sessionId);
		}
	}

	@PreDestroy
	void stop() {
		this.runner.close();
		this.loops.shutdownNow();
	}

	private void run(long sessionId, JobRunner<Lane>.Lease lease) {
		Semaphore signal = new Semaphore(0);
		this.signals.put(sessionId, signal);
		try {
			loop(sessionId, lease, signal);
		}
		finally {
			this.signals.remove(sessionId, signal);
		}
	}

	private void loop(long sessionId, JobRunner<Lane>.Lease lease, Semaphore signal) {
		log.info("Dispatch loop of session {} started", sessionId);
		Map<Long, Pace> paces = new HashMap<>();
		Instant renewAt = Instant.now();
		List<Campaign> running = List.of();
		long seen = -1;
		Instant readAt = Instant.MIN;
		try {
			while (!Thread.currentThread().isInterrupted()) {
				if (Instant.now().isAfter(renewAt)) {
					if (!lease.checkpoint(new Update().set("beatAt", Instant.now()))) {
						return;
					}
					renewAt = Instant.now().plusSeconds(2);
				}
				// The lane before the campaigns: a launch, resume or freeze after this
				// read
				// raises its generation, so the loop neither misses it nor finishes.
				Lane lane = this.lanes.head(sessionId);
				if (lane == null || lane.status() != JobStatus.RUNNING) {
					lease.abandon();
					return;
				}
				Instant now = Instant.now();
				// The campaigns are read again when something woke the loop, before any
				// emission (so a pause or cancel is seen first) and every REREAD.
				if (running.isEmpty() || lane.generation() != seen || anyDue(running, paces, now)
						|| now.isAfter(readAt.plus(REREAD))) {
					running = running(sessionId);
					seen = lane.generation();
					readAt = now;
				}
				if (running.isEmpty()) {
					// Not woken in memory while it ends: a wake from now on claims the
					// lane again, or raises the generation this finish is conditioned on.
					this.signals.remove(sessionId, signal);
					if (finish(lane, lease)) {
						return;
					}
					this.signals.put(sessionId, signal);
					continue;
				}
				Instant earliest = now.plus(POLL);
				List<Campaign> due = new ArrayList<>();
				for (Campaign campaign : running) {
					if (!campaign.frozen()) {
						continue;
					}
					Pace pace = paces.computeIfAbsent(campaign.id(), (id) -> new Pace(now, 0));
					Instant lookAt = pace.due().minusMillis(REFILL_MILLIS);
					if (lookAt.isAfter(now)) {
						earliest = lookAt.isBefore(earliest) ? lookAt : earliest;
					}
					else {
						due.add(campaign);
					}
				}
				// The campaign due first goes first; one with its window full is looked
				// at again soon.
				due.sort(Comparator.comparing((Campaign campaign) -> paces.get(campaign.id()).due()));
				boolean emitted = false;
				for (Campaign campaign : due) {
					long room = limit(campaign) - inFlight(campaign);
					if (room < minRoom(campaign)) {
						Instant again = now.plus(WINDOW_FULL);
						earliest = again.isBefore(earliest) ? again : earliest;
						continue;
					}
					Pace pace = emitNext(campaign, paces.get(campaign.id()), (int) Math.min(room, MAX_EMIT), now);
					if (pace == null) {
						complete(campaign);
						running = List.of();
					}
					else {
						paces.put(campaign.id(), pace);
					}
					emitted = true;
					break;
				}
				if (!emitted) {
					await(signal, Duration.between(now, earliest));
				}
			}
		}
		catch (RuntimeException ex) {
			log.error("Dispatch loop of session {} stopped; another pass resumes it", sessionId, ex);
			lease.abandon();
		}
	}

	/** Whether a frozen campaign among these is to be handed more now. */
	private static boolean anyDue(List<Campaign> campaigns, Map<Long, Pace> paces, Instant now) {
		for (Campaign campaign : campaigns) {
			Pace pace = paces.get(campaign.id());
			if (campaign.frozen() && (pace == null || !pace.due().minusMillis(REFILL_MILLIS).isAfter(now))) {
				return true;
			}
		}
		return false;
	}

	private List<Campaign> running(long sessionId) {
		return this.campaigns.running(sessionId);
	}

	/** Ends the loop if nothing woke it since it read the lane (then true). */
	private boolean finish(Lane lane, JobRunner<Lane>.Lease lease) {
		if (this.lanes.finish(lane)) {
			log.info("Dispatch loop of session {} ended: no campaign of it is running", lane.id());
			lease.abandon();
			return true;
		}
		sleep(IDLE);
		return false;
	}

	/**
	 * Hands messaging up to {@code count} of the campaign's next pending recipients (in
	 * order; for {@code random}, in a random order within the next
	 * {@value #RANDOM_WINDOW}), each with its time by the campaign's pace, as long as
	 * that time is within {@value #HORIZON_MILLIS} ms. The pace after them, or null when
	 * none is pending.
	 */
	private Pace emitNext(Campaign campaign, Pace pace, int count, Instant now) {
		Instant clock = this.delivery.clock().instant();
		Effective rules = this.delivery.rules(campaign.scope(), campaign.gatewaySessionId(), campaign.sendingWindow());
		if (this.delivery.capReached(campaign.gatewaySessionId(), rules, clock) || (rules.metaLimit() != null
				&& this.delivery.limitUsed(rules.metaLimit(), clock) >= rules.metaLimit().limit())) {
			// The session's day is over, or its number reached Meta's messaging limit:
			// nothing is admitted or handed until there is room.
			return (this.recipients.pending(campaign.id()) > 0) ? new Pace(now.plus(RECHECK), pace.sent()) : null;
		}
		boolean random = campaign.strategy() == Strategy.RANDOM;
		int fetch = random ? Math.max(RANDOM_WINDOW, count) : count;
		if (rules.window() != null) {
			// Those outside their window are held as they are met: look further ahead.
			fetch = Math.max(fetch, HOLD_BATCH);
		}
		List<CampaignRecipient> candidates = new ArrayList<>(this.recipients.nextPending(campaign.id(), fetch, clock));
		if (candidates.isEmpty()) {
			// None to send now: done, or the rest wait for their window.
			return (this.recipients.pending(campaign.id()) > 0) ? new Pace(now.plus(RECHECK), pace.sent()) : null;
		}
		if (random) {
			Collections.shuffle(candidates, ThreadLocalRandom.current());
		}
		Map<String, Instant> held = new HashMap<>();
		List<CampaignRecipient> open = new ArrayList<>();
		for (CampaignRecipient recipient : candidates) {
			Instant opens = this.delivery.opensAt(rules, recipient.phone(), clock);
			if (opens != null) {
				held.put(recipient.id(), opens);
			}
			else if (open.size() < count) {
				open.add(recipient);
			}
		}
		this.recipients.hold(held);
		// The tenant's frequency cap: those who had enough campaign messages lately are
		// skipped; the others are recorded as handed this campaign's message.
		Map<String, Boolean> admitted = this.delivery.admit(campaign.scope(), campaign.id(),
				open.stream().map(CampaignRecipient::phone).toList(), rules, clock);
		List<String> capped = open.stream()
			.filter((recipient) -> !admitted.get(recipient.phone()))
			.map(CampaignRecipient::id)
			.toList();
		this.recipients.skip(capped, FREQUENCY_CAP, now);
		Instant horizon = now.plusMillis(HORIZON_MILLIS);
		Map<String, OutboxEvent> handed = new LinkedHashMap<>();
		for (CampaignRecipient recipient : open) {
			if (pace.due().isAfter(horizon)) {
				break;
			}
			if (admitted.get(recipient.phone())) {
				handed.put(recipient.id(), CampaignEvents.dispatch(campaign, recipient, pace.due(), this.json));
				pace = next(campaign, pace, now);
			}
		}
		if (handed.isEmpty()) {
			return pace;
		}
		int granted = this.delivery.reserve(campaign.gatewaySessionId(), rules, handed.size(), clock);
		if (granted < handed.size()) {
			// The session's daily cap: what fits goes, the rest waits for the next day.
			handed.keySet().retainAll(handed.keySet().stream().limit(granted).toList());
			pace = new Pace(now.plus(RECHECK), pace.sent());
		}
		if (rules.metaLimit() != null && !handed.isEmpty()) {
			// Meta's messaging limit: recipients new to the number's 24 h count go while
			// it has room; the others stay pending until it has (or, while another
			// replica counts for the same account, a moment).
			Map<String, String> phones = new HashMap<>();
			open.forEach((recipient) -> phones.put(recipient.id(), recipient.phone()));
			java.util.Set<String> fit = this.delivery.fitLimit(rules,
					handed.keySet().stream().map(phones::get).toList(), clock);
			int before = handed.size();
			handed.keySet().removeIf((id) -> fit == null || !fit.contains(phones.get(id)));
			if (handed.size() < before) {
				pace = new Pace(now.plus(RECHECK), pace.sent());
			}
		}
		int emitted = this.recipients.handOver(handed, now);
		this.delivery.release(campaign.gatewaySessionId(), rules, granted - emitted, clock);
		this.relay.ifAvailable(OutboxRelay::nudge);
		this.meters.emitted(campaign, emitted);
		return pace;
	}

	/**
	 * A running campaign none of whose recipients is pending or in flight is completed.
	 */
	private void complete(Campaign campaign) {
		if (inFlight(campaign) > 0) {
			sleep(IDLE);
			return;
		}
		this.campaigns.apply(campaign, campaign.complete(Instant.now()));
	}

	/** The room its window needs before the campaign is handed more: a quarter of it. */
	static int minRoom(Campaign campaign) {
		return Math.max(1, limit(campaign) / ROOM_SHARE);
	}

	private long inFlight(Campaign campaign) {
		return this.recipients.inFlight(campaign.id(), limit(campaign));
	}

	/**
	 * How many messages may await their outcome: what the campaign sends in
	 * {@value #WINDOW_MILLIS} ms at its rate (a burst: the session's), at least one and
	 * at most {@value #MAX_WINDOW}. A pause holds them in messaging (none goes out a
	 * second after it); a broker outage or a stalled session stops emission at the window
	 * rather than building a backlog.
	 */
	static int limit(Campaign campaign) {
		int sessionRate = (campaign.sessionRatePerMinute() != null) ? campaign.sessionRatePerMinute()
				: campaign.ratePerMinute();
		int rate = (campaign.strategy() == Strategy.BURST) ? sessionRate
				: Math.min(campaign.ratePerMinute(), sessionRate);
		return (int) Math.min(MAX_WINDOW, Math.max(1, (long) rate * WINDOW_MILLIS / 60_000));
	}

	/** When the campaign is due again after a message emitted at {@code now}. */
	static Pace next(Campaign campaign, Pace pace, Instant now) {
		long sent = pace.sent() + 1;
		if (campaign.strategy() == Strategy.BURST) {
			return new Pace(now, sent);
		}
		double gap = 60_000.0 / campaign.ratePerMinute();
		if (campaign.strategy() == Strategy.RANDOM) {
			gap *= ThreadLocalRandom.current().nextDouble(0.5, 1.5);
		}
		if (campaign.antiBanEnabled() && sent % BREAK_EVERY == 0) {
			gap += BREAK_GAPS * 60_000.0 / campaign.ratePerMinute();
		}
		// From the time it was due, not from now: lateness is caught up, not accumulated.
		Instant base = pace.due().isBefore(now.minusSeconds(5)) ? now : pace.due();
		return new Pace(base.plusNanos((long) (gap * 1_000_000)), sent);
	}

	/** A campaign's next due time and how many it emitted in this loop. */
	record Pace(Instant due, long sent) {
	}

	/** Sleeps up to {@code wait}, or until the loop is woken. */
	private static void await(Semaphore signal, Duration wait) {
		try {
			if (signal.tryAcquire(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS)) {
				signal.drainPermits();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sleep(Duration wait) {
		try {
			Thread.sleep(wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
