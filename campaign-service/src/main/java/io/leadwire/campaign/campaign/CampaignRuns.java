package io.leadwire.campaign.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import io.leadwire.campaign.recipients.ContactsRecipients;
import io.leadwire.campaign.recipients.RecipientFreezer;
import io.leadwire.campaign.recipients.RecipientStore;
import io.leadwire.campaign.session.MessagingSessions;
import io.leadwire.campaign.session.MessagingWallet;
import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.JobStatus;
import io.leadwire.common.context.CallContext;
import io.leadwire.common.context.Environment;
import io.leadwire.common.context.RequestContext;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.job.FairTurns;
import io.leadwire.common.job.JobLeases;
import io.leadwire.common.job.JobRunner;

/**
 * A campaign's run (docs/api.md §6): launch (now, or by the scheduler when its
 * {@code scheduledAt} comes — one replica wins the conditional write), pause, resume,
 * cancel (a launched campaign's pause, resume and cancel also go to messaging on
 * {@code campaign.control}, in the same write: its lane holds, lets go or drops the
 * messages it was handed). A launch checks the session is the tenant's and
 * {@code WORKING} (422 otherwise) and, for live keys, that the wallet covers every
 * sendable recipient (402 {@code insufficient_credits}), then freezes the recipients as a
 * job and wakes the session's dispatch loop.
 */
@Service
class CampaignRuns {

	private static final Logger log = LoggerFactory.getLogger(CampaignRuns.class);

	private final CampaignStore store;

	private final MessagingSessions sessions;

	private final io.leadwire.campaign.session.MessagingTemplates templates;

	private final MessagingWallet wallet;

	private final ContactsRecipients recipients;

	private final RecipientFreezer freezer;

	private final RecipientStore frozen;

	private final io.leadwire.campaign.recipients.LeadsRecipients leads;

	private final SessionLanes lanes;

	private final ExecutorService freezers = Executors.newVirtualThreadPerTaskExecutor();

	/**
	 * Launches a replica freezes at once; they take turns a page of recipients at a time,
	 * tenant by tenant ({@link #turns}), so one tenant's large launches never hold
	 * another tenant's small one (a 20-recipient campaign waited 40 s behind four
	 * 25,000-recipient ones when four launches were frozen at a time, first come first
	 * served).
	 */
	static final int MAX_FREEZING = 64;

	private final FairTurns turns = new FairTurns(4);

	private final JobRunner<LaunchJob> launches;

	private final io.leadwire.campaign.delivery.Delivery delivery;

	CampaignRuns(CampaignStore store, MessagingSessions sessions, MessagingWallet wallet, ContactsRecipients recipients,
			RecipientFreezer freezer, RecipientStore frozen, SessionLanes lanes, JobLeases leases,
			io.leadwire.campaign.recipients.LeadsRecipients leads, io.leadwire.campaign.delivery.Delivery delivery,
			io.leadwire.campaign.session.MessagingTemplates templates) {
		this.templates = templates;
		this.frozen = frozen;
		this.delivery = delivery;
		this.leads = leads;
		this.store = store;
		this.sessions = sessions;
		this.wallet = wallet;
		this.recipients = recipients;
		this.freezer = freezer;
		this.lanes = lanes;
		this.launches = new JobRunner<>("campaign-launches", leases, LaunchJob.class, LaunchJob::id, MAX_FREEZING,
				Duration.ofSeconds(2), (job, lease) -> this.freezers.execute(() -> freeze(job, lease)));
	}

	Campaign launch(TenantScope scope, long id) {
		Campaign campaign = this.store.find(scope, id).orElseThrow(Campaigns::notFound);
		if (!campaign.status().editable()) {
			// Before asking messaging: the campaign's own rule answers first.
			throw Campaigns.invalidState(campaign, "launched");
		}
		int sessionRate = check(campaign);
		Campaign running = this.store.apply(campaign, campaign.launch(sessionRate, Instant.now()));
		if (running == null) {
			throw Campaigns.invalidState(this.store.find(scope, id).orElseThrow(Campaigns::notFound), "launched");
		}
		started(running);
		return running;
	}

	Campaign pause(TenantScope scope, long id) {
		return move(scope, id, Campaign::pause);
	}

	Campaign resume(TenantScope scope, long id) {
		Campaign paused = this.store.find(scope, id).orElseThrow(Campaigns::notFound);
		if (paused.status() == CampaignStatus.PAUSED) {
			checkResumable(paused);
		}
		Campaign resumed = move(scope, id, Campaign::resume);
		this.lanes.wake(scope, resumed.gatewaySessionId());
		return resumed;
	}

	Campaign cancel(TenantScope scope, long id) {
		return move(scope, id, (campaign) -> campaign.cancel(Instant.now()));
	}

	/** Launches the scheduled campaigns whose time came, each by exactly one replica. */
	@Scheduled(fixedDelayString = "${leadwire.campaign.schedule-poll:2s}")
	void fireDue() {
		List<Campaign> due = this.store.due(Instant.now(), 100);
		for (Campaign campaign : due) {
			CallContext.as(RequestContext.forTenant(campaign.scope(), null), () -> {
				fire(campaign);
				return null;
			});
		}
	}

	private void fire(Campaign campaign) {
		String failure = null;
		int sessionRate = 0;
		try {
			sessionRate = check(campaign);
		}
		catch (ApiException ex) {
			if (ex.status() == 503) {
				return;
			}
			failure = ex.getMessage();
		}
		Campaign.Transition transition = (failure == null) ? campaign.launch(sessionRate, Instant.now())
				: campaign.failToStart(failure, Instant.now());
		Campaign moved = this.store.apply(campaign, transition);
		if (moved != null && failure == null) {
			started(moved);
		}
		else if (moved != null) {
			log.warn("Scheduled campaign {} could not start: {}", campaign.id(), failure);
		}
	}

	/**
	 * The session must be the tenant's and WORKING; a live wallet must cover the
	 * audience. Returns the session's rate per minute (what bounds the campaign's
	 * messages in flight).
	 */
	private int check(Campaign campaign) {
		int rate = checkSession(campaign);
		if (campaign.environment() == Environment.LIVE) {
			// Leads are counted as the leads with a number (an upper bound: opt-outs and
			// duplicates are only known once frozen).
			long sendable = (campaign.recipientSource() == RecipientSource.LEADS) ? leadCount(campaign)
					: Campaigns.call("filter.groupIds", () -> this.recipients.count(selection(campaign)))
						.data()
						.sendable();
			checkCredits(sendable);
		}
		return rate;
	}

	/**
	 * What a resume checks, as a launch does: the session is still the tenant's and
	 * WORKING (a campaign auto-paused because its session was deleted or logged out stays
	 * paused rather than failing every recipient left), and a live wallet covers the
	 * recipients not yet handed to messaging.
	 */
	private void checkResumable(Campaign campaign) {
		if (!campaign.frozen()) {
			check(campaign);
			return;
		}
		checkSession(campaign);
		if (campaign.environment() == Environment.LIVE) {
			checkCredits(this.frozen.pending(campaign.id()));
		}
	}

	/**
	 * The session's rate per minute, if it is the tenant's and WORKING (else 404/422).
	 */
	private int checkSession(Campaign campaign) {
		MessagingSessions.Session session = Campaigns
			.call("gatewaySessionId", () -> this.sessions.get(campaign.gatewaySessionId()))
			.data();
		if (!"WORKING".equals(session.status())) {
			throw ApiException.validation("gatewaySessionId",
					"the session is " + session.status() + ": it must be WORKING to send");
		}
		MessageContent content = campaign.messageContent();
		if (content != null && content.template()) {
			// Meta may have paused, disabled or rejected it since the campaign was
			// written.
			io.leadwire.campaign.session.MessagingTemplates.ForSession on = Campaigns
				.call("messageContent.templateId",
						() -> this.templates.get(content.templateId(), campaign.gatewaySessionId()))
				.data()
				.forSession();
			if (on != null && !on.sendable()) {
				throw ApiException.validation("messageContent.templateId", "the template " + content.templateName()
						+ " is " + on.status() + " for this session's number: Meta must approve it before it is sent");
			}
		}
		else if (content != null && session.customerWindow()) {
			throw ApiException.validation("messageContent.type",
					"a campaign on a WhatsApp Cloud API number must use an approved template (docs/templates.md)");
		}
		this.delivery.launched(campaign.scope(), campaign.gatewaySessionId(), session.provider());
		return session.ratePerMinute();
	}

	/** A live wallet must cover {@code sendable} messages (402 otherwise). */
	private void checkCredits(long sendable) {
		MessagingWallet.Wallet balance = Campaigns.call("gatewaySessionId", this.wallet::get).data();
		if (balance.balance() < sendable * balance.costPerMessage()) {
			throw new ApiException(402, "insufficient_credits", "The wallet holds " + balance.balance()
					+ " credits; this campaign needs " + (sendable * balance.costPerMessage()) + ": top it up");
		}
	}

	private void started(Campaign campaign) {
		this.store.queueLaunch(campaign.id());
		this.launches.submitted(campaign.id());
	}

	private void freeze(LaunchJob job, JobRunner<LaunchJob>.Lease lease) {
		Campaign campaign = this.store.findById(job.id());
		if (campaign == null || campaign.frozen()) {
			lease.finish(JobStatus.COMPLETED, new Update());
			return;
		}
		try (FairTurns.Turn turn = this.turns.acquire(campaign.tenantId() + ":" + campaign.environment().name())) {
			List<String> statuses = (campaign.recipientSource() == RecipientSource.LEADS)
					? campaign.filter().leadStatus() : null;
			RecipientFreezer.Target target = new RecipientFreezer.Target(campaign.id(), campaign.scope(),
					(statuses == null) ? selection(campaign) : null, statuses, campaign.messageContent().text(),
					campaign.messageContent().mediaUrl(), campaign.messageContent().variables(),
					campaign.messageContent().template());
			RecipientFreezer.Progress from = new RecipientFreezer.Progress(job.cursor(), job.done(), job.seq(),
					job.pending(), job.optedOut(), job.duplicates(), job.invalid());
			RecipientFreezer.Progress done = this.freezer.freeze(target, from, (p) -> {
				boolean kept = lease.checkpoint(new Update().set("cursor", p.cursor())
					.set("done", p.done())
					.set("seq", p.seq())
					.set("pending", p.pending())
					.set("optedOut", p.optedOut())
					.set("duplicates", p.duplicates())
					.set("invalid", p.invalid()));
				pass(turn);
				return kept;
			});
			if (!done.done()) {
				return;
			}
			this.store.frozen(campaign.id(),
					new Campaign.Audience(done.pending(), done.optedOut(), done.duplicates(), done.invalid()));
			lease.finish(JobStatus.COMPLETED, new Update());
			log.info("Campaign {}: {} recipients frozen ({} opted out, {} duplicates, {} invalid)", campaign.id(),
					done.pending(), done.optedOut(), done.duplicates(), done.invalid());
			this.lanes.wake(campaign.scope(), campaign.gatewaySessionId());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			lease.abandon();
		}
		catch (RuntimeException ex) {
			log.error("Freezing the recipients of campaign {} stopped; it resumes from its last page", campaign.id(),
					ex);
			lease.abandon();
		}
	}

	/** Between two pages, another tenant's launch waiting goes first. */
	private static void pass(FairTurns.Turn turn) {
		try {
			turn.pass();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted between two pages", ex);
		}
	}

	/** How many of the campaign's leads have a number, page by page. */
	private long leadCount(Campaign campaign) {
		long count = 0;
		Long after = null;
		do {
			Long from = after;
			io.leadwire.campaign.recipients.LeadsRecipients.Page page = Campaigns.call("filter.leadStatus",
					() -> this.leads.leads(new io.leadwire.campaign.recipients.LeadsRecipients.Selection(
							campaign.filter().leadStatus(), from, 1000)))
				.data();
			count += page.leads().size();
			after = page.nextAfterId();
		}
		while (after != null);
		return count;
	}

	static ContactsRecipients.Selection selection(Campaign campaign) {
		if (campaign.recipientSource().phoneList()) {
			return ContactsRecipients.Selection.of(null, null, campaign.customRecipients());
		}
		Campaign.RecipientFilter filter = campaign.filter();
		return ContactsRecipients.Selection.of(filter.groupIds(), filter.contactIds(), null);
	}

	/**
	 * Applies the user's move, read again if another write came first (the campaign's own
	 * method answers 409 when the move is not allowed from its status).
	 */
	private Campaign move(TenantScope scope, long id, Function<Campaign, Campaign.Transition> action) {
		for (int attempt = 0; attempt < 5; attempt++) {
			Campaign campaign = this.store.find(scope, id).orElseThrow(Campaigns::notFound);
			Campaign moved = this.store.apply(campaign, action.apply(campaign));
			if (moved != null) {
				return moved;
			}
		}
		throw ApiException.conflict("conflict", "The campaign changed meanwhile; try again");
	}

	@PreDestroy
	void stop() {
		this.launches.close();
		this.freezers.shutdownNow();
	}

}
