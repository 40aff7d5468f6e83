package io.leadwire.campaign.campaign;

import java.time.Instant;
import java.util.Map;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.leadwire.campaign.recipients.CampaignRecipient;
import tools.jackson.databind.ObjectMapper;

/**
 * Follows campaign messages on {@code message.status}: each recipient's status only moves
 * forward ({@code sent < delivered < read}; {@code failed} only before {@code sent}... or
 * after it, when the provider reports the failure late), in one conditional write with
 * the time it was reached, so a redelivered or late event changes nothing. Analytics
 * count these recipients, so no counter can count an event twice.
 */
@Component
class StatusListener {

	private static final Map<String, Integer> RANKS = Map.of("sent", 1, "delivered", 2, "read", 3, "failed", 4);

	private final MongoOperations mongo;

	private final ObjectMapper json;

	private final AutoPause autoPause;

	StatusListener(MongoOperations mongo, ObjectMapper json, AutoPause autoPause) {
		this.mongo = mongo;
		this.json = json;
		this.autoPause = autoPause;
	}

	@KafkaListener(topics = "message.status", groupId = "campaign-status")
	void on(String value) {
		Event event = this.json.readValue(value, Event.class);
		Status status = event.payload();
		if (status == null || status.campaignId() == null || status.to() == null
				|| !RANKS.containsKey(status.status())) {
			return;
		}
		String id = CampaignRecipient.idOf(status.campaignId(), status.to());
		Instant at = (status.at() != null) ? status.at() : Instant.now();
		Update update = new Update().set("messageId", status.messageId()).set("updatedAt", Instant.now());
		Criteria criteria = Criteria.where("_id").is(id).and("state").in("sending", "sent", "pending");
		if (status.status().equals("failed")) {
			// A failure counts for a message not yet delivered.
			criteria.orOperator(Criteria.where("statusRank").is(null), Criteria.where("statusRank").lt(2));
			update.set("state", "failed")
				.set("statusRank", RANKS.get("failed"))
				.set("failedAt", at)
				.set("error", status.error());
		}
		else {
			int rank = RANKS.get(status.status());
			criteria.orOperator(Criteria.where("statusRank").is(null), Criteria.where("statusRank").lt(rank));
			update.set("state", "sent").set("statusRank", rank).set(status.status() + "At", at);
			// A jump (read before delivered arrived) fills the earlier marks it implies.
			if (rank >= 3) {
				update.min("deliveredAt", at);
			}
			if (rank >= 2) {
				update.min("sentAt", at);
			}
		}
		boolean moved = this.mongo.updateFirst(Query.query(criteria), update, CampaignRecipient.class)
			.getModifiedCount() > 0;
		if (!moved) {
			return;
		}
		if (status.status().equals("failed")) {
			this.autoPause.failed(status.campaignId(), status.error());
		}
		else if (status.status().equals("sent")) {
			this.autoPause.sent(status.campaignId());
		}
	}

	record Event(String eventId, String type, Status payload) {
	}

	record Status(long messageId, Long campaignId, String to, String status, Instant at, String error) {
	}

}
