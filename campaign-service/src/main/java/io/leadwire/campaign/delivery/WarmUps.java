package io.leadwire.campaign.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import io.leadwire.common.context.TenantScope;

/**
 * The {@code session_warmups} collection: a WAHA session's warm-up starts the first time
 * one of its campaigns is launched (unless its settings turn warm-up off), and is judged
 * once a day, on the first hand-over of the day, from the last day it sent on: a write
 * conditional on the version, so two replicas judge a day once.
 */
@Repository
class WarmUps {

	private final MongoOperations mongo;

	private final SessionHealth health;

	WarmUps(MongoOperations mongo, SessionHealth health) {
		this.mongo = mongo;
		this.health = health;
	}

	/** Starts the session's warm-up on {@code today} if it has none. */
	void start(TenantScope scope, long sessionId, LocalDate today, Instant now) {
		if (this.mongo.exists(Query.query(Criteria.where("_id").is(sessionId)), WarmUp.class)) {
			return;
		}
		try {
			this.mongo.insert(new WarmUp(sessionId, scope.tenantId(), scope.environment(), today.toString(), 0,
					today.toString(), "started", 1, now));
		}
		catch (DuplicateKeyException ex) {
			// Started by another replica.
		}
	}

	WarmUp find(long sessionId) {
		return this.mongo.findById(sessionId, WarmUp.class);
	}

	/**
	 * The session's warm-up as of {@code today}: judged from the day it was last judged
	 * if that was before today (the messages of that day, in {@code zone}).
	 */
	WarmUp current(long sessionId, LocalDate today, ZoneId zone, Instant now) {
		for (int attempt = 0; attempt < 5; attempt++) {
			WarmUp warmUp = find(sessionId);
			if (warmUp == null || warmUp.warm() || !LocalDate.parse(warmUp.day()).isBefore(today)) {
				return warmUp;
			}
			LocalDate judged = LocalDate.parse(warmUp.day());
			SessionHealth.Tally tally = this.health.tally(sessionId, judged.atStartOfDay(zone).toInstant(),
					judged.plusDays(1).atStartOfDay(zone).toInstant());
			WarmUp.Move move = WarmUp.judge(warmUp.level(), tally);
			if (this.mongo
				.updateFirst(Query.query(Criteria.where("_id").is(sessionId).and("version").is(warmUp.version())),
						new Update().set("level", move.level())
							.set("day", today.toString())
							.set("lastMove", judged + ": " + move.why())
							.set("updatedAt", now)
							.inc("version", 1),
						WarmUp.class)
				.getModifiedCount() == 1) {
				return find(sessionId);
			}
		}
		return find(sessionId);
	}

}
