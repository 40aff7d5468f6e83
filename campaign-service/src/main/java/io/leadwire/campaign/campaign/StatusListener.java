package io.leadwire.campaign.campaign;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.data.mongodb.core.BulkOperations;
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
 * the time it was reached, so a redelivered or late event changes nothing. A message
 * messaging dropped unsent because its campaign was cancelled puts its recipient back
 * among those never sent to ({@code pending}, as the cancel left the others). Analytics
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

	/**
	 * A poll's statuses at once: every move but failures in one ordered bulk write (they
	 * are conditional and forward-only, so a duplicate changes nothing); a failure on its
	 * own, as the failure streak must know whether it moved. A campaign that had a
	 * message sent has its streak reset once per poll.
	 */
	@KafkaListener(topics = "message.status", groupId = "campaign-status", batch = "true")
	void on(List<String> values) {
		BulkOperations moves = this.mongo.bulkOps(BulkOperations.BulkMode.ORDERED, CampaignRecipient.class);
		int pending = 0;
		Set<Long> sent = new HashSet<>();
		for (String value : values) {
			Status status = this.json.readValue(value, Event.class).payload();
			if (status == null || status.campaignId() == null || status.to() == null
					|| !RANKS.containsKey(status.status())) {
				continue;
			}
			if (status.status().equals("failed") && status.error() != null
					&& status.error().startsWith(CampaignEvents.CANCELLED)) {
				// Dropped unsent by messaging: its campaign was cancelled.
				moves.updateOne(Query.query(Criteria.where("_id")
					.is(CampaignRecipient.idOf(status.campaignId(), status.to()))
					.and("state")
					.is("sending")), new Update().set("state", "pending").set("updatedAt", Instant.now()));
				pending++;
				continue;
			}
			Query query = Query.query(criteria(status));
			Update update = update(status);
			if (status.status().equals("failed")) {
				if (this.mongo.updateFirst(query, update, CampaignRecipient.class).getModifiedCount() > 0) {
					this.autoPause.failed(status.campaignId(), status.error());
				}
				continue;
			}
			moves.updateOne(query, update);
			pending++;
			if (status.status().equals("sent")) {
				sent.add(status.campaignId());
			}
		}
		if (pending > 0) {
			moves.execute();
		}
		this.autoPause.sent(sent);
	}

	/** The recipient, while the status is a step forward for it. */
	private static Criteria criteria(Status status) {
		Criteria criteria = Criteria.where("_id")
			.is(CampaignRecipient.idOf(status.campaignId(), status.to()))
			.and("state")
			.in("sending", "sent", "pending");
		// A failure counts for a message not yet delivered.
		int rank = status.status().equals("failed") ? 2 : RANKS.get(status.status());
		return criteria.orOperator(Criteria.where("statusRank").is(null), Criteria.where("statusRank").lt(rank));
	}

	/** The move, with the time it was reached. */
	private static Update update(Status status) {
		Instant at = (status.at() != null) ? status.at() : Instant.now();
		Update update = new Update().set("messageId", status.messageId()).set("updatedAt", Instant.now());
		if (status.status().equals("failed")) {
			return update.set("state", "failed")
				.set("statusRank", RANKS.get("failed"))
				.set("failedAt", at)
				.set("error", status.error());
		}
		int rank = RANKS.get(status.status());
		update.set("state", "sent").set("statusRank", rank).set(status.status() + "At", at);
		// A jump (read before delivered arrived) fills the earlier marks it implies.
		if (rank >= 3) {
			update.min("deliveredAt", at);
		}
		if (rank >= 2) {
			update.min("sentAt", at);
		}
		return update;
	}

	record Event(String eventId, String type, Status payload) {
	}

	record Status(long messageId, Long campaignId, String to, String status, Instant at, String error) {
	}

}
