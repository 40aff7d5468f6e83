package io.leadwire.campaign.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import io.leadwire.campaign.recipients.ContactsRecipients;
import io.leadwire.campaign.recipients.RecipientFreezer;
import io.leadwire.campaign.session.MessagingSessions;
import io.leadwire.campaign.session.MessagingWallet;
import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.JobStatus;
import io.leadwire.common.context.CallContext;
import io.leadwire.common.context.Environment;
import io.leadwire.common.context.RequestContext;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.job.JobLeases;
import io.leadwire.common.job.JobRunner;
import io.leadwire.common.outbox.OutboxEvent;
import io.leadwire.common.outbox.OutboxRelay;
import tools.jackson.databind.ObjectMapper;

/**
 * A campaign's run (API.md §6): launch (now, or by the scheduler when its
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

	private final MongoOperations mongo;

	private final MessagingSessions sessions;

	private final MessagingWallet wallet;

	private final ContactsRecipients recipients;

	private final RecipientFreezer freezer;

	private final io.leadwire.campaign.recipients.LeadsRecipients leads;

	private final SessionLanes lanes;

	private final ObjectMapper json;

	private final ObjectProvider<OutboxRelay> relay;

	private final ExecutorService freezers = Executors.newVirtualThreadPerTaskExecutor();

	private final JobRunner<LaunchJob> launches;

	CampaignRuns(CampaignStore store, MongoOperations mongo, MessagingSessions sessions, MessagingWallet wallet,
			ContactsRecipients recipients, RecipientFreezer freezer, SessionLanes lanes, JobLeases leases,
			io.leadwire.campaign.recipients.LeadsRecipients leads, ObjectMapper json,
			ObjectProvider<OutboxRelay> relay) {
		this.leads = leads;
		this.json = json;
		this.relay = relay;
		this.store = store;
		this.mongo = mongo;
		this.sessions = sessions;
		this.wallet = wallet;
		this.recipients = recipients;
		this.freezer = freezer;
		this.lanes = lanes;
		this.launches = new JobRunner<>("campaign-launches", leases, LaunchJob.class, LaunchJob::id, 4,
				Duration.ofSeconds(2), (job, lease) -> this.freezers.execute(() -> freeze(job, lease)));
	}

	Campaign launch(TenantScope scope, long id) {
		Campaign campaign = this.store.find(scope, id).orElseThrow(Campaigns::notFound);
		if (!campaign.status().editable()) {
			throw Campaigns.invalidState(campaign, "launched");
		}
		int sessionRate = check(campaign);
		Campaign running = this.store.change(scope, id, campaign.version(),
				List.of(CampaignStatus.DRAFT, CampaignStatus.SCHEDULED),
				new Update().set("status", CampaignStatus.RUNNING)
					.set("launchedAt", Instant.now())
					.set("sessionRatePerMinute", sessionRate));
		if (running == null) {
			throw Campaigns.invalidState(this.store.find(scope, id).orElseThrow(Campaigns::notFound), "launched");
		}
		started(running);
		return running;
	}

	Campaign pause(TenantScope scope, long id) {
		return move(scope, id, List.of(CampaignStatus.RUNNING), CampaignStatus.PAUSED, "paused",
				new Update().set("pauseReason", "paused by the user"));
	}

	Campaign resume(TenantScope scope, long id) {
		Campaign resumed = move(scope, id, List.of(CampaignStatus.PAUSED), CampaignStatus.RUNNING, "resumed",
				new Update().unset("pauseReason"));
		this.lanes.wake(scope, resumed.gatewaySessionId());
		return resumed;
	}

	Campaign cancel(TenantScope scope, long id) {
		return move(scope, id,
				List.of(CampaignStatus.DRAFT, CampaignStatus.SCHEDULED, CampaignStatus.RUNNING, CampaignStatus.PAUSED),
				CampaignStatus.CANCELLED, "cancelled", new Update().set("finishedAt", Instant.now()));
	}

	/** Launches the scheduled campaigns whose time came, each by exactly one replica. */
	@Scheduled(fixedDelayString = "${leadwire.campaign.schedule-poll:2s}")
	void fireDue() {
		List<Campaign> due = this.mongo.find(
				Query.query(Criteria.where("status").is(CampaignStatus.SCHEDULED).and("scheduledAt").lte(Instant.now()))
					.limit(100),
				Campaign.class);
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
		Update update = (failure == null)
				? new Update().set("status", CampaignStatus.RUNNING)
					.set("launchedAt", Instant.now())
					.set("sessionRatePerMinute", sessionRate)
				: new Update().set("status", CampaignStatus.FAILED)
					.set("pauseReason", failure)
					.set("finishedAt", Instant.now());
		Campaign moved = this.store.change(campaign.scope(), campaign.id(), campaign.version(),
				List.of(CampaignStatus.SCHEDULED), update);
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
		MessagingSessions.Session session = Campaigns
			.call("gatewaySessionId", () -> this.sessions.get(campaign.gatewaySessionId()))
			.data();
		if (!"WORKING".equals(session.status())) {
			throw ApiException.validation("gatewaySessionId",
					"the session is " + session.status() + ": it must be WORKING to send");
		}
		if (campaign.environment() == Environment.LIVE) {
			// Leads are counted as the leads with a number (an upper bound: opt-outs and
			// duplicates are only known once frozen).
			long sendable = (campaign.recipientSource() == RecipientSource.LEADS) ? leadCount(campaign)
					: Campaigns.call("filter.groupIds", () -> this.recipients.count(selection(campaign)))
						.data()
						.sendable();
			MessagingWallet.Wallet balance = Campaigns.call("gatewaySessionId", this.wallet::get).data();
			if (balance.balance() < sendable * balance.costPerMessage()) {
				throw new ApiException(402, "insufficient_credits", "The wallet holds " + balance.balance()
						+ " credits; this campaign needs " + (sendable * balance.costPerMessage()) + ": top it up");
			}
		}
		return session.ratePerMinute();
	}

	private void started(Campaign campaign) {
		try {
			this.mongo.insert(new LaunchJob(campaign.id(), JobStatus.QUEUED, null, false, 0, 0, 0, 0, 0, Instant.now(),
					Instant.now()));
		}
		catch (DuplicateKeyException ex) {
			// Launched before: its freeze goes on.
		}
		this.launches.submitted(campaign.id());
	}

	private void freeze(LaunchJob job, JobRunner<LaunchJob>.Lease lease) {
		Campaign campaign = this.mongo.findById(job.id(), Campaign.class);
		if (campaign == null || campaign.frozen()) {
			lease.finish(JobStatus.COMPLETED, new Update());
			return;
		}
		try {
			List<String> statuses = (campaign.recipientSource() == RecipientSource.LEADS)
					? campaign.filter().leadStatus() : null;
			RecipientFreezer.Target target = new RecipientFreezer.Target(campaign.id(), campaign.scope(),
					(statuses == null) ? selection(campaign) : null, statuses, campaign.messageContent().text(),
					campaign.messageContent().mediaUrl(), campaign.messageContent().variables());
			RecipientFreezer.Progress from = new RecipientFreezer.Progress(job.cursor(), job.done(), job.seq(),
					job.pending(), job.optedOut(), job.duplicates(), job.invalid());
			RecipientFreezer.Progress done = this.freezer.freeze(target, from,
					(p) -> lease.checkpoint(new Update().set("cursor", p.cursor())
						.set("done", p.done())
						.set("seq", p.seq())
						.set("pending", p.pending())
						.set("optedOut", p.optedOut())
						.set("duplicates", p.duplicates())
						.set("invalid", p.invalid())));
			if (!done.done()) {
				return;
			}
			this.mongo
				.updateFirst(Query.query(Criteria.where("_id").is(campaign.id())), new Update().set("frozen", true)
					.set("audience",
							new Campaign.Audience(done.pending(), done.optedOut(), done.duplicates(), done.invalid()))
					.inc("version", 1)
					.set("updatedAt", Instant.now()), Campaign.class);
			lease.finish(JobStatus.COMPLETED, new Update());
			log.info("Campaign {}: {} recipients frozen ({} opted out, {} duplicates, {} invalid)", campaign.id(),
					done.pending(), done.optedOut(), done.duplicates(), done.invalid());
			this.lanes.wake(campaign.scope(), campaign.gatewaySessionId());
		}
		catch (RuntimeException ex) {
			log.error("Freezing the recipients of campaign {} stopped; it resumes from its last page", campaign.id(),
					ex);
			lease.abandon();
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

	private Campaign move(TenantScope scope, long id, List<CampaignStatus> from, CampaignStatus to, String action,
			Update update) {
		for (int attempt = 0; attempt < 5; attempt++) {
			Campaign campaign = this.store.find(scope, id).orElseThrow(Campaigns::notFound);
			if (!from.contains(campaign.status())) {
				throw Campaigns.invalidState(campaign, action);
			}
			update.set("status", to);
			boolean launched = campaign.status() == CampaignStatus.RUNNING
					|| campaign.status() == CampaignStatus.PAUSED;
			if (launched) {
				// Messaging holds, lets go or drops the messages it was handed.
				update.push(OutboxEvent.FIELD, this.mongo.getConverter()
					.convertToMongoType(CampaignEvents.control(campaign, to, campaign.version() + 1, this.json)));
			}
			Campaign moved = this.store.change(scope, id, campaign.version(), from, update);
			if (moved != null) {
				if (launched) {
					this.relay.ifAvailable(OutboxRelay::nudge);
				}
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
