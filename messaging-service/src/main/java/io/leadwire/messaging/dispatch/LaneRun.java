package io.leadwire.messaging.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.query.Update;

import io.leadwire.common.api.JobStatus;
import io.leadwire.common.job.JobLeases;
import io.leadwire.common.job.JobRunner;
import io.leadwire.messaging.message.Message;
import io.leadwire.messaging.message.MessageStatus;
import io.leadwire.messaging.message.MessageStore;
import io.leadwire.messaging.message.Outbound;
import io.leadwire.messaging.number.NumberChecks;
import io.leadwire.messaging.provider.MessagingProvider;
import io.leadwire.messaging.provider.ProviderException;
import io.leadwire.messaging.provider.ProviderIds;
import io.leadwire.messaging.provider.Providers;
import io.leadwire.messaging.session.Session;
import io.leadwire.messaging.session.SessionStore;

/**
 * One session's lane while this replica holds it: reads what is due of the session's send
 * queue, the earliest first, a batch at a time (about a quarter of a second of its rate,
 * at most {@value #MAX_BATCH}), leaving out the messages of paused campaigns and failing
 * those of cancelled ones ({@link CampaignHolds}); sleeps until the next message is due
 * when none is (a campaign's pace gives each message its time); reserves the batch's send
 * slots in one write with the lease ({@code slotsUntil}); marks the batch as being sent
 * in one write; then hands each message to the provider at its slot, with at most the
 * provider's in-flight limit awaiting an answer (WAHA: one); applies the answers as they
 * come, writing the accepted ones and their queue entries' removal together, at most
 * {@value #WRITE_BEHIND_MILLIS} ms after the first (one bulk each, however many answers
 * came meanwhile).
 * <p>
 * Never twice: a message is marked {@code sendingAt} before its provider is called. A
 * send whose outcome is unknown — the provider timed out or answered 5xx, or the lane
 * finds a marked message in its queue (the replica that marked it died) — is reconciled
 * before anything is retried: the provider is asked whether it has the message
 * ({@code lookup}); found, it is sent; not found, it goes again through the pace (at most
 * {@value #MAX_ATTEMPTS} attempts). A provider that keeps no record we can ask (Cloud)
 * names our message in its status webhooks instead: the message waits for one
 * ({@link ProviderRecords}), and is never sent a second time.
 */
final class LaneRun {

	/** What every lane uses. */
	record Parts(MessageStore messages, SessionStore sessions, SendQueue queue, CampaignHolds holds,
			Providers providers, NumberChecks checks, ProviderMeters meters, SendLaneStore lanes,
			ExecutorService threads, String owner) {
	}

	static final int MAX_ATTEMPTS = 5;

	/**
	 * How many times a message may be refused by a provider's rate limit (and wait for
	 * it) before it fails with the provider's error.
	 */
	static final int MAX_THROTTLED = 10;

	/** How many recipients' last send the lane remembers for the pair rate. */
	private static final int PAIR_MEMORY = 10_000;

	static final int MAX_BATCH = 100;

	/** Not an answer: {@link #poke}'s way to wake the lane where it waits for answers. */
	private static final Outcome POKE = new Outcome(null, null, null, null, false);

	private static final Logger log = LoggerFactory.getLogger(LaneRun.class);

	/** When a send is looked at again after its provider could not be asked. */
	private static final Duration RETRY = Duration.ofSeconds(1);

	/**
	 * How long accepted sends may wait to be written together: a lane that sends one at a
	 * time (WAHA) writes its answers as one bulk of this long's sends instead of one
	 * write each. Safe to defer: each was marked {@code sendingAt} before its provider
	 * call, so a lane that dies before writing them reconciles them (never sends them
	 * twice), and they stay in {@link #mine} until written, so the lane's queue reads
	 * leave them out.
	 */
	static final long WRITE_BEHIND_MILLIS = 50;

	/** How often the session (its rate, whether it was deleted) is read again. */
	private static final Duration SESSION_READ = Duration.ofSeconds(2);

	/**
	 * How long a lane with nothing due sleeps at most: a message filed meanwhile by
	 * another replica, due sooner, waits no longer than this. An answer from the
	 * provider, or a filing, resume or cancel on this replica ({@link #poke}), wakes it
	 * at once.
	 */
	private static final long AHEAD_MILLIS = 1_000;

	/**
	 * How stale the session's paused and cancelled campaigns may be when a batch is taken
	 * (so a pause holds within this, plus the event's way to messaging).
	 */
	private static final long HOLDS_READ_MILLIS = 200;

	/** How often they are read again when nothing is being taken. */
	private static final long HOLDS_IDLE_MILLIS = 1_000;

	private final long id;

	private final JobRunner<SendLane>.Lease lease;

	private final Parts parts;

	/** Messages of this lane in flight or waiting to be reconciled. */
	private final Set<Long> mine = new HashSet<>();

	private final LinkedBlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();

	private final PriorityQueue<Retry> retries = new PriorityQueue<>(Comparator.comparingLong(Retry::due));

	/** Accepted sends not written yet ({@link #WRITE_BEHIND_MILLIS}). */
	private final List<MessageStore.Sent> unwrittenSent = new ArrayList<>();

	/** Messages with a known outcome whose queue entries are not removed yet. */
	private final List<Long> unwrittenDone = new ArrayList<>();

	/** When the oldest unwritten outcome came ({@link System#nanoTime}). */
	private long unwrittenSince;

	private int inFlight;

	private CampaignHolds.Held held = CampaignHolds.Held.NONE;

	private long heldReadAt;

	/** When the next send slot opens (epoch milliseconds, fractional). */
	private double nextSlot;

	private Session session;

	private MessagingProvider provider;

	private int maxInFlight = 1;

	/** The provider's least time between two sends to one recipient (0: none). */
	private long pairMillis;

	/** When each recent recipient was last sent to, for the pair rate. */
	private final java.util.LinkedHashMap<String, Long> lastTo = new java.util.LinkedHashMap<>(256, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(java.util.Map.Entry<String, Long> eldest) {
			return size() > PAIR_MEMORY;
		}
	};

	private long sessionReadAt;

	private boolean leaseLost;

	/** Whether a poke came since the loop last read the holds. */
	private boolean poked;

	LaneRun(SendLane lane, JobRunner<SendLane>.Lease lease, Parts parts) {
		this.id = lane.id();
		this.lease = lease;
		this.parts = parts;
		this.nextSlot = (lane.slotsUntil() != null) ? lane.slotsUntil().toEpochMilli() : 0;
	}

	void run() {
		try {
			loop();
		}
		catch (RuntimeException ex) {
			log.error("Send lane of session {} stopped; it is given back", this.id, ex);
			try {
				settle();
			}
			catch (RuntimeException unwritten) {
				// Marked and not written: the next owner reconciles them.
				log.warn("Send lane of session {}: answers not written ({})", this.id, unwritten.toString());
			}
			finally {
				this.lease.abandon();
			}
		}
	}

	/**
	 * Something changed for this lane on this replica (a message filed, a campaign
	 * resumed or cancelled): it looks again now rather than when its sleep ends.
	 */
	void poke() {
		this.outcomes.offer(POKE);
	}

	long id() {
		return this.id;
	}

	private void loop() {
		while (!Thread.currentThread().isInterrupted() && !this.leaseLost) {
			apply(drained());
			writeOutcomesIfDue();
			if (!readSession()) {
				failQueue("the session was deleted");
				settle();
				finish(null);
				return;
			}
			reconcileDue();
			readHolds(this.poked ? 0 : HOLDS_IDLE_MILLIS);
			this.poked = false;
			if (!this.held.cancelled().isEmpty()) {
				List<Long> dropped = this.parts.queue()
					.ofCampaigns(this.id, this.held.cancelled(), this.mine, MAX_BATCH);
				if (!dropped.isEmpty()) {
					sendBatch(dropped);
					continue;
				}
			}
			List<SendQueue.Waiting> waiting = this.parts.queue()
				.next(this.id, this.mine, this.held.paused(), batchSize());
			List<Long> next = due(waiting);
			if (!next.isEmpty()) {
				sendBatch(next);
				continue;
			}
			if (this.inFlight == 0 && this.retries.isEmpty() && this.outcomes.isEmpty() && waiting.isEmpty()) {
				writeOutcomes();
				if (finishIfEmpty()) {
					return;
				}
				continue;
			}
			// Nothing due: until the first message is due (a paced campaign's), an answer
			// comes or a retry is due, and at most AHEAD_MILLIS.
			long wait = idleWait();
			if (!waiting.isEmpty()) {
				wait = Math.min(wait, waiting.get(0).due() - System.currentTimeMillis());
			}
			if (wait > WRITE_BEHIND_MILLIS) {
				writeOutcomes();
			}
			awaitOutcome(Math.max(1, wait));
		}
		settle();
	}

	/**
	 * The entries due now, read again with the session's paused and cancelled campaigns
	 * no staler than {@value #HOLDS_READ_MILLIS} ms: a campaign paused since is left out.
	 */
	private List<Long> due(List<SendQueue.Waiting> waiting) {
		long now = System.currentTimeMillis();
		if (waiting.isEmpty() || waiting.get(0).due() > now) {
			return List.of();
		}
		readHolds(HOLDS_READ_MILLIS);
		Set<Long> paused = this.held.paused();
		return waiting.stream()
			.filter((entry) -> entry.due() <= now
					&& (entry.campaignId() == null || !paused.contains(entry.campaignId())))
			.map(SendQueue.Waiting::messageId)
			.toList();
	}

	/** The session's paused and cancelled campaigns, read again when older than this. */
	private void readHolds(long maxAge) {
		long now = System.currentTimeMillis();
		if (now - this.heldReadAt >= maxAge) {
			this.held = this.parts.holds().held(this.id);
			this.heldReadAt = now;
		}
	}

	/** How many messages a batch takes: about a quarter of a second of the rate. */
	private int batchSize() {
		return Math.max(1, Math.min(MAX_BATCH, this.session.pacePerMinute() / 240));
	}

	private void sendBatch(List<Long> ids) {
		List<Message> batch = this.parts.messages().findAll(ids);
		List<Long> gone = new ArrayList<>();
		List<Message> fresh = new ArrayList<>();
		for (Message message : batch) {
			if (!message.status().equals(MessageStatus.QUEUED.wireName())) {
				gone.add(message.id());
			}
			else if (message.sendingAt() != null) {
				// Marked by a lane that died mid-send: reconciled before anything else.
				this.mine.add(message.id());
				this.retries.add(new Retry(message, message.sendingAt(), System.nanoTime()));
			}
			else if (message.campaignId() != null && this.held.cancelled().contains(message.campaignId())) {
				this.parts.messages().advance(message, MessageStatus.FAILED, Instant.now(), CampaignHolds.CANCELLED);
				gone.add(message.id());
			}
			else {
				fresh.add(message);
			}
		}
		Set<Long> found = new HashSet<>();
		batch.forEach((message) -> found.add(message.id()));
		ids.stream().filter((messageId) -> !found.contains(messageId)).forEach(gone::add);
		this.parts.queue().remove(gone);
		reconcileDue();
		if (fresh.isEmpty()) {
			return;
		}
		double interval = 60_000.0 / Math.max(1, this.session.pacePerMinute());
		this.nextSlot = Math.max(this.nextSlot, System.currentTimeMillis());
		Instant slotsUntil = Instant.ofEpochMilli((long) Math.ceil(this.nextSlot + fresh.size() * interval));
		if (!this.lease.checkpoint(new Update().set("slotsUntil", slotsUntil))) {
			this.leaseLost = true;
			return;
		}
		Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Set<Long> marked = this.parts.messages().startSending(fresh.stream().map(Message::id).toList(), at);
		Session session = this.session;
		MessagingProvider provider = this.provider;
		List<Long> released = new ArrayList<>();
		java.util.Map<Long, Long> paired = new java.util.HashMap<>();
		for (Message message : fresh) {
			if (!marked.contains(message.id())) {
				continue;
			}
			this.mine.add(message.id());
			Long pairDue = pairDue(message);
			if (pairDue != null) {
				// Sent to the same recipient too recently for the provider's pair rate:
				// it
				// waits in the queue until then, not counted as an attempt.
				paired.put(message.id(), pairDue);
				continue;
			}
			awaitRoom();
			awaitSlot(interval);
			if (this.pairMillis > 0) {
				this.lastTo.put(message.to(), System.currentTimeMillis());
			}
			if (heldBack(message)) {
				// Paused or cancelled while the batch went out (a slow provider makes a
				// batch last longer than its quarter second): not sent, the slot given
				// back.
				this.nextSlot -= interval;
				released.add(message.id());
				continue;
			}
			this.inFlight++;
			this.parts.threads().execute(() -> send(message, at, session, provider));
		}
		if (!paired.isEmpty()) {
			released.addAll(paired.keySet());
			paired.forEach(this.parts.queue()::delay);
		}
		if (!released.isEmpty()) {
			this.parts.messages().unmark(released, at);
			this.mine.removeAll(released);
		}
	}

	/**
	 * When the message may go under the provider's pair rate, if not now (its recipient
	 * was sent to less than {@code pairMillis} ago by this lane).
	 */
	private Long pairDue(Message message) {
		if (this.pairMillis <= 0) {
			return null;
		}
		Long last = this.lastTo.get(message.to());
		long due = (last != null) ? last + this.pairMillis : 0;
		return (due > System.currentTimeMillis()) ? due : null;
	}

	/**
	 * Whether the message's campaign was paused or cancelled since the batch was taken
	 * (its holds read again when older than {@value #HOLDS_READ_MILLIS} ms, or at once
	 * after a poke).
	 */
	private boolean heldBack(Message message) {
		if (message.campaignId() == null) {
			return false;
		}
		readHolds(this.poked ? 0 : HOLDS_READ_MILLIS);
		this.poked = false;
		return this.held.paused().contains(message.campaignId())
				|| this.held.cancelled().contains(message.campaignId());
	}

	/** On a thread of its own: one provider call; its answer goes back to the lane. */
	private void send(Message message, Instant at, Session session, MessagingProvider provider) {
		Outcome outcome;
		try {
			String chatId = this.parts.checks().chatIdForSend(session, message.to());
			String providerId = provider.send(Outbound.of(message, session.providerSession(), chatId));
			this.parts.meters().sent(provider.name());
			outcome = new Outcome(message, at, ProviderIds.ref(session.id(), providerId), null, false);
		}
		catch (ProviderException ex) {
			this.parts.meters().failed(provider.name(), ex);
			if (ex.retryable()) {
				log.warn("Message {}: {} gave no answer ({}); reconciling", message.id(), provider.name(),
						ex.getMessage());
			}
			else {
				log.warn("Message {} refused by {}: {}", message.id(), provider.name(), ex.getMessage());
			}
			outcome = (ex.retryAfter() != null)
					? new Outcome(message, at, null, ex.getMessage(), false, ex.retryAfter(), ex.recipientOnly())
					: new Outcome(message, at, null, ex.getMessage(), ex.retryable());
		}
		catch (RuntimeException ex) {
			log.warn("Message {}: the send failed unexpectedly; reconciling", message.id(), ex);
			outcome = new Outcome(message, at, null, ex.toString(), true);
		}
		this.outcomes.add(outcome);
	}

	/** Applies answers: the accepted in one bulk write, the others one at a time. */
	private void apply(List<Outcome> answers) {
		if (answers.removeIf((answer) -> answer == POKE)) {
			this.poked = true;
		}
		if (answers.isEmpty()) {
			return;
		}
		List<MessageStore.Sent> sent = this.unwrittenSent;
		List<Long> done = this.unwrittenDone;
		if (sent.isEmpty() && done.isEmpty()) {
			this.unwrittenSince = System.nanoTime();
		}
		for (Outcome outcome : answers) {
			this.inFlight--;
			long messageId = outcome.message().id();
			if (outcome.unknown()) {
				this.retries.add(new Retry(outcome.message(), outcome.at(),
						System.nanoTime() + this.provider.lookupAfter().toNanos()));
				continue;
			}
			if (outcome.retryAfter() != null && waitForLimit(outcome)) {
				continue;
			}
			if (outcome.error() != null) {
				this.parts.messages().advance(outcome.message(), MessageStatus.FAILED, Instant.now(), outcome.error());
			}
			else {
				sent.add(new MessageStore.Sent(outcome.message(), outcome.providerRef()));
			}
			done.add(messageId);
		}
		writeOutcomesIfDue();
	}

	/**
	 * Writes the outcomes waiting once there are a batch of them or the oldest is due.
	 */
	private void writeOutcomesIfDue() {
		if (this.unwrittenDone.size() >= MAX_BATCH || (!this.unwrittenDone.isEmpty()
				&& System.nanoTime() - this.unwrittenSince >= TimeUnit.MILLISECONDS.toNanos(WRITE_BEHIND_MILLIS))) {
			writeOutcomes();
		}
	}

	/**
	 * Writes the accepted sends in one bulk (with their events) and removes the finished
	 * messages' queue entries in one write; only then do they leave {@link #mine}.
	 */
	private void writeOutcomes() {
		if (this.unwrittenDone.isEmpty() && this.unwrittenSent.isEmpty()) {
			return;
		}
		this.parts.messages().sentAll(this.unwrittenSent);
		this.parts.queue().remove(this.unwrittenDone);
		this.mine.removeAll(this.unwrittenDone);
		this.unwrittenSent.clear();
		this.unwrittenDone.clear();
	}

	/**
	 * A send the provider refused for a rate limit: the message waits in the queue for it
	 * (and the number's next sends too, unless only its recipient must wait) — false once
	 * it was refused {@value #MAX_THROTTLED} times, when it fails with the error.
	 */
	private boolean waitForLimit(Outcome outcome) {
		Message message = outcome.message();
		if (this.parts.messages().attempts(message.id()) >= MAX_THROTTLED) {
			return false;
		}
		long due = System.currentTimeMillis() + outcome.retryAfter().toMillis();
		this.parts.messages().clearSending(message.id(), outcome.at());
		this.parts.queue().delay(message.id(), due);
		this.mine.remove(message.id());
		if (outcome.recipientOnly()) {
			this.lastTo.put(message.to(), due - this.pairMillis);
		}
		else {
			this.nextSlot = Math.max(this.nextSlot, due);
		}
		log.info("Message {} waits {} ms for {}'s rate limit", message.id(), outcome.retryAfter().toMillis(),
				this.provider.name());
		return true;
	}

	private void reconcileDue() {
		long now = System.nanoTime();
		while (!this.retries.isEmpty() && this.retries.peek().due() <= now) {
			reconcile(this.retries.poll());
		}
	}

	/**
	 * A message handed to its provider without a known outcome: asks the provider whether
	 * it has it. Found, it is sent; not found, it goes again through the pace; a provider
	 * that keeps no record we can ask names it in a status webhook instead.
	 */
	private void reconcile(Retry retry) {
		Message message = retry.message();
		if (!this.provider.capabilities().reconciles()) {
			if (this.parts.messages().awaitProviderRecord(message.id(), retry.sendingAt())) {
				log.info("Message {}: outcome unknown; waiting for {} to name it in a status", message.id(),
						this.provider.name());
			}
			done(message.id());
			return;
		}
		try {
			java.util.Optional<String> found = this.provider
				.lookup(Outbound.of(message, this.session.providerSession()), retry.sendingAt().minusSeconds(5));
			if (found.isPresent()) {
				log.info("Message {} reconciled: {} had it", message.id(), this.provider.name());
				this.parts.messages().sent(message, ProviderIds.ref(this.session.id(), found.get()));
				done(message.id());
				return;
			}
			if (this.parts.messages().attempts(message.id()) >= MAX_ATTEMPTS) {
				this.parts.messages()
					.advance(message, MessageStatus.FAILED, Instant.now(),
							"the provider did not answer in " + MAX_ATTEMPTS + " attempts");
				done(message.id());
				return;
			}
			// Never reached the provider: it goes again, through the pace like any send.
			this.parts.messages().clearSending(message.id(), retry.sendingAt());
			this.mine.remove(message.id());
		}
		catch (ProviderException ex) {
			this.parts.meters().error(this.provider.name(), ex);
			this.retries.add(new Retry(message, retry.sendingAt(), System.nanoTime() + RETRY.toNanos()));
		}
	}

	private void done(long messageId) {
		this.parts.queue().remove(List.of(messageId));
		this.mine.remove(messageId);
	}

	/** Whether the session still exists (read again every {@link #SESSION_READ}). */
	private boolean readSession() {
		long now = System.nanoTime();
		if (this.session != null && now - this.sessionReadAt < SESSION_READ.toNanos()) {
			return true;
		}
		Session read = this.parts.sessions().find(this.id).orElse(null);
		if (read == null) {
			return false;
		}
		this.session = read;
		this.provider = this.parts.providers().get(read.provider());
		try {
			this.maxInFlight = Math.max(1, this.provider.maxInFlight(read.providerSession()));
			this.pairMillis = this.provider.pairInterval(read.providerSession()).toMillis();
		}
		catch (ProviderException ex) {
			this.maxInFlight = 1;
		}
		this.sessionReadAt = now;
		return true;
	}

	/** The queue of a deleted session: every message in it fails. */
	private void failQueue(String reason) {
		writeOutcomes();
		while (true) {
			List<Long> waiting = this.parts.queue()
				.next(this.id, this.mine, List.of(), 500)
				.stream()
				.map(SendQueue.Waiting::messageId)
				.toList();
			if (waiting.isEmpty()) {
				return;
			}
			for (Message message : this.parts.messages().findAll(waiting)) {
				this.parts.messages().advance(message, MessageStatus.FAILED, Instant.now(), reason);
			}
			this.parts.queue().remove(waiting);
		}
	}

	/**
	 * Ends the lane if its queue holds nothing but paused campaigns' messages and nothing
	 * was filed, resumed or cancelled since the generation read first (each of those
	 * wakes the lane, raising it); false when there is work after all.
	 */
	private boolean finishIfEmpty() {
		Long generation = this.parts.lanes().generation(this.id);
		if (generation == null) {
			return false;
		}
		readHolds(0);
		if (this.parts.queue().any(this.id, List.of(), this.held.paused())) {
			return false;
		}
		return finish(generation);
	}

	/**
	 * Completes the lane (at {@code generation}, when given), keeping its reserved slots.
	 */
	private boolean finish(Long generation) {
		boolean done = this.parts.lanes()
			.finish(this.id, this.parts.owner(), generation, Instant.ofEpochMilli((long) Math.ceil(this.nextSlot)));
		if (done) {
			this.lease.abandon();
		}
		return done;
	}

	/** Waits for the next send slot, applying answers meanwhile. */
	private void awaitSlot(double interval) {
		double slot = Math.max(this.nextSlot, System.currentTimeMillis());
		long wait;
		while ((wait = (long) Math.ceil(slot - System.currentTimeMillis())) > 0) {
			awaitOutcome(wait);
		}
		this.nextSlot = slot + interval;
	}

	/** Waits until fewer than the provider's limit of sends await an answer. */
	private void awaitRoom() {
		while (this.inFlight >= this.maxInFlight) {
			awaitOutcome(100);
		}
	}

	private void awaitOutcome(long millis) {
		try {
			takeAnswers(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		reconcileDue();
	}

	/** Waits up to {@code millis} for answers, and applies all that came. */
	private void takeAnswers(long millis) throws InterruptedException {
		long wait = millis;
		if (!this.unwrittenDone.isEmpty()) {
			long left = WRITE_BEHIND_MILLIS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.unwrittenSince);
			wait = Math.max(0, Math.min(millis, left));
		}
		Outcome first = this.outcomes.poll(wait, TimeUnit.MILLISECONDS);
		if (first != null) {
			List<Outcome> answers = new ArrayList<>();
			answers.add(first);
			this.outcomes.drainTo(answers);
			apply(answers);
		}
		else if (wait < millis) {
			// The write-behind is due before anything came.
			writeOutcomes();
		}
	}

	private long idleWait() {
		if (this.retries.isEmpty()) {
			return AHEAD_MILLIS;
		}
		long untilRetry = TimeUnit.NANOSECONDS.toMillis(this.retries.peek().due() - System.nanoTime());
		return Math.max(1, Math.min(AHEAD_MILLIS, untilRetry));
	}

	private List<Outcome> drained() {
		List<Outcome> answers = new ArrayList<>();
		this.outcomes.drainTo(answers);
		return answers;
	}

	/**
	 * Waits for the answers of sends still in flight (at most 30 s), and applies them.
	 */
	private void settle() {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		try {
			while (this.inFlight > 0 && System.nanoTime() < deadline) {
				try {
					takeAnswers(100);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
		finally {
			writeOutcomes();
		}
	}

	/**
	 * A provider's answer to one send; {@code retryAfter} when a rate limit refused it
	 * for now.
	 */
	private record Outcome(Message message, Instant at, String providerRef, String error, boolean unknown,
			Duration retryAfter, boolean recipientOnly) {

		Outcome(Message message, Instant at, String providerRef, String error, boolean unknown) {
			this(message, at, providerRef, error, unknown, null, false);
		}

	}

	/**
	 * A send of unknown outcome, reconciled once {@code due} ({@link System#nanoTime}).
	 */
	private record Retry(Message message, Instant sendingAt, long due) {
	}

}
