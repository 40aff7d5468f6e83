package io.leadwire.messaging.dispatch;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bson.Document;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import io.leadwire.common.context.Environment;

/**
 * What messaging knows of a campaign's run ({@code campaign_holds}, one document per
 * campaign that was ever paused, resumed or cancelled): its state ({@code running},
 * {@code paused}, {@code cancelled}) at the campaign's {@code version}, so a redelivered
 * or late control event changes nothing, and when it was paused. A lane leaves the queued
 * messages of its session's paused campaigns where they are and fails those of cancelled
 * ones ({@value #CANCELLED}).
 */
@Repository
class CampaignHolds {

	static final String COLLECTION = "campaign_holds";

	/**
	 * The error of a campaign message never sent because its campaign was cancelled (the
	 * campaign counts its recipient as not sent).
	 */
	static final String CANCELLED = "campaign_cancelled: the campaign was cancelled before this message was sent";

	private final MongoOperations mongo;

	CampaignHolds(MongoOperations mongo) {
		this.mongo = mongo;
		mongo.indexOps(COLLECTION).createIndex(new Index().on("sessionId", Sort.Direction.ASC));
	}

	/** The hold of a campaign, if any. */
	Hold find(long campaignId) {
		Document document = this.mongo.findById(campaignId, Document.class, COLLECTION);
		if (document == null) {
			return null;
		}
		Object pausedAt = document.get("pausedAt");
		return new Hold(campaignId, document.getString("state"), ((Number) document.get("version")).longValue(),
				(pausedAt instanceof java.util.Date date) ? date.toInstant() : null);
	}

	/**
	 * Records the campaign's state at {@code version} unless a later version is known;
	 * whether it was recorded.
	 */
	boolean record(Control control, long tenantId, Environment environment) {
		Update update = new Update().set("state", control.status())
			.set("version", control.version())
			.set("sessionId", control.sessionId())
			.set("tenantId", tenantId)
			.set("environment", environment.name())
			.set("updatedAt", Instant.now());
		if (control.status().equals("paused")) {
			update.set("pausedAt", control.at());
		}
		try {
			com.mongodb.client.result.UpdateResult result = this.mongo.upsert(
					Query.query(Criteria.where("_id").is(control.campaignId()).and("version").lt(control.version())),
					update, COLLECTION);
			return result.getMatchedCount() > 0 || result.getUpsertedId() != null;
		}
		catch (DuplicateKeyException ex) {
			// A later version is known.
			return false;
		}
	}

	/** The paused and the cancelled campaigns of a session. */
	Held held(long sessionId) {
		Query query = Query.query(Criteria.where("sessionId").is(sessionId).and("state").in("paused", "cancelled"));
		query.fields().include("state");
		Set<Long> paused = new HashSet<>();
		Set<Long> cancelled = new HashSet<>();
		for (Document document : this.mongo.find(query, Document.class, COLLECTION)) {
			long campaignId = ((Number) document.get("_id")).longValue();
			(document.getString("state").equals("paused") ? paused : cancelled).add(campaignId);
		}
		return new Held(paused, cancelled);
	}

	/** A campaign's run as campaign-service announces it on {@code campaign.control}. */
	record Control(long campaignId, long sessionId, String status, long version, Instant at) {
	}

	/** What messaging last recorded of a campaign. */
	record Hold(long campaignId, String state, long version, Instant pausedAt) {
	}

	/** A session's campaigns whose messages wait or are dropped. */
	record Held(Set<Long> paused, Set<Long> cancelled) {

		static final Held NONE = new Held(Set.of(), Set.of());

		List<Long> pausedList() {
			return List.copyOf(this.paused);
		}

	}

}
