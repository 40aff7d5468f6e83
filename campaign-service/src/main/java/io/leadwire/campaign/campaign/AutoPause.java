package io.leadwire.campaign.campaign;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.leadwire.common.event.EventEnvelope;
import io.leadwire.common.outbox.OutboxEvent;
import io.leadwire.common.outbox.OutboxRelay;
import tools.jackson.databind.ObjectMapper;

/**
 * Pauses a running campaign by itself when going on would get its number banned: a
 * provider's ban or limit signal (Meta 131056 pair rate limit, 130429 throughput, 131048
 * spam limit), {@code leadwire.campaign.failure-streak} (10) of its messages failing in a
 * row, or its session {@code FAILED}, {@code STOPPED} or deleted (WAHA logged out). The
 * reason shows on the campaign ({@code pauseReason}) and {@code CampaignAutoPaused} goes
 * out on {@code campaign.events} in the same write. Resuming is the user's call.
 */
@Component
class AutoPause {

	private static final Logger log = LoggerFactory.getLogger(AutoPause.class);

	private static final Pattern BAN_SIGNAL = Pattern.compile("\\b(131056|130429|131048)\\b");

	private final MongoOperations mongo;

	private final ObjectMapper json;

	private final ObjectProvider<OutboxRelay> relay;

	private final int failureStreak;

	AutoPause(MongoOperations mongo, ObjectMapper json, ObjectProvider<OutboxRelay> relay,
			@Value("${leadwire.campaign.failure-streak:10}") int failureStreak) {
		this.mongo = mongo;
		this.json = json;
		this.relay = relay;
		this.failureStreak = failureStreak;
	}

	/** A recipient's message failed (counted once: the caller moved the recipient). */
	void failed(long campaignId, String error) {
		Matcher signal = BAN_SIGNAL.matcher((error != null) ? error : "");
		if (signal.find()) {
			pause(campaignId, "the provider signalled a limit (" + signal.group(1) + "): " + error);
			return;
		}
		org.bson.Document campaign = this.mongo.findAndModify(Query.query(Criteria.where("_id").is(campaignId)),
				new Update().inc("failureStreak", 1),
				org.springframework.data.mongodb.core.FindAndModifyOptions.options().returnNew(true),
				org.bson.Document.class, "campaigns");
		Integer streak = (campaign != null) ? campaign.getInteger("failureStreak") : null;
		if (streak != null && streak >= this.failureStreak) {
			pause(campaignId, streak + " messages in a row failed (the last: " + error + ")");
		}
	}

	/** These campaigns' messages went out: their streaks of failures are broken. */
	void sent(Collection<Long> campaignIds) {
		if (!campaignIds.isEmpty()) {
			this.mongo.updateMulti(Query.query(Criteria.where("_id").in(campaignIds).and("failureStreak").gt(0)),
					new Update().set("failureStreak", 0), Campaign.class);
		}
	}

	@KafkaListener(topics = "messaging.events", groupId = "campaign-sessions")
	void on(String value) {
		SessionEvent event = this.json.readValue(value, SessionEvent.class);
		if (event.payload() == null || event.tenantId() == null) {
			return;
		}
		String status = event.payload().status();
		boolean gone = "SessionDeleted".equals(event.type());
		if (!gone && !("SessionStatusChanged".equals(event.type())
				&& ("FAILED".equals(status) || "STOPPED".equals(status)))) {
			return;
		}
		List<Campaign> running = this.mongo.find(Query.query(Criteria.where("tenantId")
			.is(event.tenantId())
			.and("gatewaySessionId")
			.is(event.payload().sessionId())
			.and("status")
			.is(CampaignStatus.RUNNING)), Campaign.class);
		for (Campaign campaign : running) {
			pause(campaign.id(), gone ? "its WhatsApp session was deleted"
					: "its WhatsApp session is " + status + " (logged out or banned?)");
		}
	}

	/**
	 * Pauses the campaign if it runs, conditioned on the version read (the control event
	 * names the version the pause makes); a concurrent move makes it read again.
	 */
	private void pause(long campaignId, String reason) {
		for (int attempt = 0; attempt < 5; attempt++) {
			Campaign campaign = this.mongo.findById(campaignId, Campaign.class);
			if (campaign == null || campaign.status() != CampaignStatus.RUNNING) {
				return;
			}
			OutboxEvent event = OutboxEvent
				.of("campaign.events", Long.toString(campaignId),
						EventEnvelope.of("CampaignAutoPaused", campaign.tenantId(), campaign.environment(), null,
								new AutoPaused(campaignId, campaign.gatewaySessionId(), reason, Instant.now())),
						this.json);
			OutboxEvent control = CampaignEvents.control(campaign, CampaignStatus.PAUSED, campaign.version() + 1,
					this.json);
			boolean paused = this.mongo
				.updateFirst(
						Query.query(Criteria.where("_id")
							.is(campaignId)
							.and("status")
							.is(CampaignStatus.RUNNING)
							.and("version")
							.is(campaign.version())),
						new Update().set("status", CampaignStatus.PAUSED)
							.set("pauseReason", "auto-paused: " + reason)
							.set("failureStreak", 0)
							.inc("version", 1)
							.set("updatedAt", Instant.now())
							.push(OutboxEvent.FIELD)
							.each(this.mongo.getConverter().convertToMongoType(event),
									this.mongo.getConverter().convertToMongoType(control)),
						Campaign.class)
				.getModifiedCount() > 0;
			if (paused) {
				log.warn("Campaign {} auto-paused: {}", campaignId, reason);
				this.relay.ifAvailable(OutboxRelay::nudge);
				return;
			}
		}
	}

	record AutoPaused(long campaignId, long sessionId, String reason, Instant at) {
	}

	record SessionEvent(String type, Long tenantId, SessionPayload payload) {
	}

	record SessionPayload(long sessionId, String status) {
	}

}
