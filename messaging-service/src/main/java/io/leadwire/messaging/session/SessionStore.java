package io.leadwire.messaging.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.context.TenantScope;

/** Sessions in MongoDB, scoped by tenant and environment for callers. */
@Repository
public class SessionStore {

	private final MongoOperations mongo;

	public SessionStore(MongoOperations mongo) {
		this.mongo = mongo;
	}

	Session insert(Session session) {
		return this.mongo.insert(session);
	}

	public Optional<Session> find(TenantScope scope, long id) {
		return Optional.ofNullable(this.mongo.findOne(Query.query(scoped(scope).and("_id").is(id)), Session.class));
	}

	/** The scope's session {@code id}, else 404 (another tenant's id included). */
	public Session require(TenantScope scope, long id) {
		return find(scope, id).orElseThrow(() -> new ApiException(404, "not_found", "Session not found"));
	}

	public Optional<Session> find(long id) {
		return Optional.ofNullable(this.mongo.findById(id, Session.class));
	}

	/** The session a provider's webhook names. */
	public Optional<Session> byProviderSession(String providerSession) {
		return Optional.ofNullable(
				this.mongo.findOne(Query.query(Criteria.where("providerSession").is(providerSession)), Session.class));
	}

	List<Session> list(TenantScope scope, int limit) {
		return this.mongo.find(Query.query(scoped(scope)).with(Sort.by(Sort.Direction.DESC, "_id")).limit(limit),
				Session.class);
	}

	public void setStatus(long id, String status, String phone) {
		Update update = new Update().set("status", status).set("updatedAt", Instant.now());
		if (phone != null) {
			update.set("phone", phone);
		}
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), update, Session.class);
	}

	boolean delete(TenantScope scope, long id) {
		return this.mongo.remove(Query.query(scoped(scope).and("_id").is(id)), Session.class).getDeletedCount() > 0;
	}

	/**
	 * Takes the session's next send slot if its interval has passed since the last send
	 * (one atomic write, so replicas never send closer together than the rate allows).
	 * @return null when taken; otherwise how long until the slot opens
	 */
	public java.time.Duration takeSendSlot(Session session, Instant now) {
		return takeSlot(session.id(), "lastSentAt", session.intervalMillis(), now);
	}

	/**
	 * As {@link #takeSendSlot}, for number checks: their own pace, one every
	 * {@code intervalMillis} per session.
	 */
	public java.time.Duration takeCheckSlot(Session session, long intervalMillis, Instant now) {
		return takeSlot(session.id(), "lastCheckedAt", intervalMillis, now);
	}

	private java.time.Duration takeSlot(long sessionId, String field, long intervalMillis, Instant now) {
		Instant earliest = now.minusMillis(intervalMillis);
		org.bson.Document taken = this.mongo.findAndModify(
				Query.query(Criteria.where("_id")
					.is(sessionId)
					.orOperator(Criteria.where(field).lte(earliest), Criteria.where(field).is(null))),
				new Update().set(field, now), FindAndModifyOptions.options().returnNew(false), org.bson.Document.class,
				this.mongo.getCollectionName(Session.class));
		if (taken != null) {
			return null;
		}
		org.bson.Document current = this.mongo.findById(sessionId, org.bson.Document.class,
				this.mongo.getCollectionName(Session.class));
		if (current == null || !(current.get(field) instanceof java.util.Date last)) {
			return java.time.Duration.ofMillis(10);
		}
		long wait = last.getTime() + intervalMillis - now.toEpochMilli();
		return java.time.Duration.ofMillis(Math.max(1, wait));
	}

	/** The scope's first working session (the default for number checks). */
	public Optional<Session> firstWorking(TenantScope scope) {
		return Optional.ofNullable(this.mongo.findOne(
				Query.query(scoped(scope).and("status").is("WORKING")).with(Sort.by(Sort.Direction.ASC, "_id")),
				Session.class));
	}

	private static Criteria scoped(TenantScope scope) {
		return Criteria.where("tenantId").is(scope.tenantId()).and("environment").is(scope.environment());
	}

}
