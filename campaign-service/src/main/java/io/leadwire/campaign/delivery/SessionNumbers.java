package io.leadwire.campaign.delivery;

import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import io.leadwire.common.context.Environment;
import io.leadwire.common.context.TenantScope;

/**
 * What messaging's session events say of each session's number ({@code session_numbers}):
 * its provider, its Meta account and what Meta says of it — quality rating, messaging
 * limit tier, throughput (docs/deliverability.md, "Meta's tiers"). An event applies only
 * if its {@code revision} is newer than the one held, so redelivered and reordered events
 * change nothing; a deleted session stays as a tombstone.
 */
@Repository
public class SessionNumbers {

	private final MongoOperations mongo;

	SessionNumbers(MongoOperations mongo) {
		this.mongo = mongo;
	}

	/**
	 * Records a session event's facts; answers the quality rating held before, and
	 * whether the event applied (false: an older or the same revision).
	 */
	public Applied apply(SessionNumber number) {
		SessionNumber before = this.mongo.findById(number.id(), SessionNumber.class);
		if (before != null && before.revision() >= number.revision()) {
			return new Applied(false, before.qualityRating());
		}
		Update update = new Update().set("tenantId", number.tenantId())
			.set("environment", number.environment())
			.set("provider", number.provider())
			.set("wabaId", number.wabaId())
			.set("qualityRating", number.qualityRating())
			.set("messagingLimitTier", number.messagingLimitTier())
			.set("throughput", number.throughput())
			.set("deleted", number.deleted())
			.set("revision", number.revision());
		try {
			com.mongodb.client.result.UpdateResult result = this.mongo.upsert(
					Query.query(Criteria.where("_id").is(number.id()).and("revision").lt(number.revision())), update,
					SessionNumber.class);
			boolean applied = result.getMatchedCount() > 0 || result.getUpsertedId() != null;
			return new Applied(applied, (before != null) ? before.qualityRating() : null);
		}
		catch (DuplicateKeyException ex) {
			// A newer revision landed meanwhile: this event is stale.
			return new Applied(false, (before != null) ? before.qualityRating() : null);
		}
	}

	/** The scope's session's number, as the events told it. */
	public Optional<SessionNumber> find(TenantScope scope, long sessionId) {
		return Optional.ofNullable(this.mongo.findOne(Query.query(Criteria.where("_id")
			.is(sessionId)
			.and("tenantId")
			.is(scope.tenantId())
			.and("environment")
			.is(scope.environment())
			.and("deleted")
			.is(false)), SessionNumber.class));
	}

	/** Whether an event applied, and the quality rating held before it. */
	public record Applied(boolean applied, String qualityBefore) {
	}

	/** A session's number as campaign-service knows it. */
	@Document("session_numbers")
	public record SessionNumber(@Id long id, long tenantId, Environment environment, String provider, String wabaId,
			String qualityRating, String messagingLimitTier, String throughput, boolean deleted, long revision) {

		/**
		 * The messaging limit as recipients in a moving 24 h: null when unlimited or not
		 * known.
		 */
		public Integer messagingLimit() {
			return io.leadwire.common.phone.MessagingTiers.limitOf(this.messagingLimitTier);
		}

		/**
		 * Whose count the limit is: the business account's (Meta counts a portfolio's
		 * numbers together; we know their account), else the session's own.
		 */
		public String limitKey() {
			return (this.wabaId != null) ? "waba:" + this.wabaId : "session:" + this.id;
		}

	}

}
