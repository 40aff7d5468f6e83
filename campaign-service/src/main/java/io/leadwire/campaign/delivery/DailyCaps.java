package io.leadwire.campaign.delivery;

import java.time.LocalDate;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * How many campaign messages each session was handed on each day (the
 * {@code session_days} collection, one small document per session and day). A share of
 * the day's cap is reserved before messages are handed over, by a write conditional on
 * the count it read, so two replicas (a lane taken over mid-pass) never hand over more
 * than the cap between them; what was reserved and not handed over is given back.
 */
@Repository
class DailyCaps {

	private static final int ATTEMPTS = 20;

	private final MongoOperations mongo;

	DailyCaps(MongoOperations mongo) {
		this.mongo = mongo;
	}

	/** Reserves up to {@code want} of the day's {@code cap}; how many it got. */
	int reserve(long sessionId, LocalDate day, int want, int cap) {
		String id = SessionDay.idOf(sessionId, day);
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			SessionDay current = this.mongo.findById(id, SessionDay.class);
			long used = (current != null) ? current.count() : 0;
			int grant = (int) Math.min(want, cap - used);
			if (grant <= 0) {
				return 0;
			}
			if (current == null) {
				try {
					this.mongo.insert(new SessionDay(id, sessionId, day.toString(), grant));
					return grant;
				}
				catch (DuplicateKeyException ex) {
					continue;
				}
			}
			if (this.mongo
				.updateFirst(Query.query(Criteria.where("_id").is(id).and("count").is(used)),
						new Update().inc("count", grant), SessionDay.class)
				.getModifiedCount() == 1) {
				return grant;
			}
		}
		// Contended beyond reason: nothing this pass; the next pass tries again.
		return 0;
	}

	/** Gives back what was reserved and not handed over. */
	void release(long sessionId, LocalDate day, int count) {
		if (count > 0) {
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(SessionDay.idOf(sessionId, day))),
					new Update().inc("count", -count), SessionDay.class);
		}
	}

	/** How many the session was handed on {@code day}. */
	long used(long sessionId, LocalDate day) {
		SessionDay current = this.mongo.findById(SessionDay.idOf(sessionId, day), SessionDay.class);
		return (current != null) ? current.count() : 0;
	}

	/** One session's count of one day. */
	@Document("session_days")
	record SessionDay(@Id String id, long sessionId, String day, long count) {

		static String idOf(long sessionId, LocalDate day) {
			return sessionId + ":" + day;
		}

	}

}
