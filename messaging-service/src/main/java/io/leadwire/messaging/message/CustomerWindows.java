package io.leadwire.messaging.message;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bson.Document;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Meta's customer service window (PROVIDERS.md): a Cloud session may send free-form
 * messages to a number only within 24 h of that number's last message to it; outside it,
 * only a template. The last inbound time per (session, phone) is kept by its id, so the
 * check at each send is one lookup by key.
 */
@Repository
class CustomerWindows {

	static final Duration WINDOW = Duration.ofHours(24);

	private static final String COLLECTION = "customer_windows";

	private final MongoOperations mongo;

	CustomerWindows(MongoOperations mongo) {
		this.mongo = mongo;
	}

	/** {@code phone} (E.164) wrote to the session at {@code at}. */
	void opened(long sessionId, String phone, Instant at) {
		this.mongo.upsert(Query.query(Criteria.where("_id").is(key(sessionId, phone))),
				new Update().max("lastInboundAt", Date.from(at)), COLLECTION);
	}

	/** When {@code phone}'s window on the session closes, or null if it is not open. */
	Instant openUntil(long sessionId, String phone, Instant now) {
		Document window = this.mongo.findById(key(sessionId, phone), Document.class, COLLECTION);
		if (window == null || !(window.get("lastInboundAt") instanceof Date last)) {
			return null;
		}
		Instant until = last.toInstant().plus(WINDOW);
		return until.isAfter(now) ? until : null;
	}

	private static String key(long sessionId, String phone) {
		return sessionId + ":" + phone;
	}

}
