package io.leadwire.messaging.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.outbox.OutboxEvent;
import io.leadwire.common.outbox.OutboxRelay;
import tools.jackson.databind.ObjectMapper;

/** Sessions in MongoDB, scoped by tenant and environment for callers. */
@Repository
public class SessionStore {

	private static final int ATTEMPTS = 5;

	private final MongoOperations mongo;

	private final ObjectMapper json;

	private final ObjectProvider<OutboxRelay> relay;

	public SessionStore(MongoOperations mongo, ObjectMapper json, ObjectProvider<OutboxRelay> relay) {
		this.mongo = mongo;
		this.json = json;
		this.relay = relay;
	}

	/** A new session, with its first {@code SessionStatusChanged} in its outbox. */
	Session insert(Session session) {
		Session created = this.mongo.insert(new Session(session.id(), session.tenantId(), session.environment(),
				session.name(), session.provider(), session.providerSession(), session.status(), session.phone(),
				session.wabaId(), session.phoneNumberId(), session.webhookSecret(), session.ratePerMinute(),
				session.lastSentAt(), session.createdAt(), session.updatedAt(), 1, null,
				List.of(SessionEvents.changed(session, session.status(), session.phone(), 1, this.json)),
				session.health()));
		eventQueued();
		return created;
	}

	public Optional<Session> find(TenantScope scope, long id) {
		return Optional.ofNullable(this.mongo.findOne(Query.query(scoped(scope).and("_id").is(id)), Session.class));
	}

	/** The scope's session {@code id}, else 404 (another tenant's id included). */
	public Session require(TenantScope scope, long id) {
		return find(scope, id).orElseThrow(() -> new ApiException(404, "not_found", "Session not found"));
	}

	public Optional<Session> find(long id) {
		return Optional.ofNullable(
				this.mongo.findOne(Query.query(Criteria.where("_id").is(id).and("deletedAt").is(null)), Session.class));
	}

	/** The session a provider's webhook names. */
	public Optional<Session> byProviderSession(String providerSession) {
		return Optional.ofNullable(this.mongo.findOne(
				Query.query(Criteria.where("providerSession").is(providerSession).and("deletedAt").is(null)),
				Session.class));
	}

	public List<Session> list(TenantScope scope, int limit) {
		return this.mongo.find(Query.query(scoped(scope)).with(Sort.by(Sort.Direction.DESC, "_id")).limit(limit),
				Session.class);
	}

	/**
	 * Records the session's status (and phone, when known); a change bumps its
	 * {@code revision} and puts a {@code SessionStatusChanged} in its outbox, in the same
	 * write (conditioned on the revision read, so two replicas never emit one revision
	 * twice).
	 * @return whether anything changed
	 */
	public boolean setStatus(long id, String status, String phone) {
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			Session session = find(id).orElse(null);
			if (session == null) {
				return false;
			}
			String newPhone = (phone != null) ? phone : session.phone();
			if (status.equals(session.status()) && java.util.Objects.equals(newPhone, session.phone())) {
				return false;
			}
			long revision = session.revision() + 1;
			Update update = new Update().set("status", status)
				.set("phone", newPhone)
				.set("updatedAt", Instant.now())
				.set("revision", revision)
				.push(OutboxEvent.FIELD, event(SessionEvents.changed(session, status, newPhone, revision, this.json)));
			if (this.mongo.updateFirst(current(session), update, Session.class).getModifiedCount() > 0) {
				eventQueued();
				return true;
			}
		}
		return false;
	}

	/**
	 * Records what Meta says of the session's Cloud number; a change bumps its
	 * {@code revision} and puts a {@code SessionStatusChanged} carrying it in its outbox,
	 * in the same write (conditioned on the revision read).
	 * @return whether anything changed
	 */
	public boolean setHealth(long id,
			java.util.function.UnaryOperator<io.leadwire.messaging.provider.NumberHealth> change) {
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			Session session = find(id).orElse(null);
			if (session == null) {
				return false;
			}
			io.leadwire.messaging.provider.NumberHealth before = (session.health() != null) ? session.health()
					: io.leadwire.messaging.provider.NumberHealth.unknown(Instant.now());
			io.leadwire.messaging.provider.NumberHealth health = change.apply(before);
			if (health == null || health.sameAs(session.health())) {
				return false;
			}
			long revision = session.revision() + 1;
			Session changed = session.withHealth(health);
			Update update = new Update().set("health", this.mongo.getConverter().convertToMongoType(health))
				.set("updatedAt", Instant.now())
				.set("revision", revision)
				.push(OutboxEvent.FIELD,
						event(SessionEvents.changed(changed, session.status(), session.phone(), revision, this.json)));
			if (this.mongo.updateFirst(current(session), update, Session.class).getModifiedCount() > 0) {
				eventQueued();
				return true;
			}
		}
		return false;
	}

	/**
	 * The live Cloud sessions of a WhatsApp Business Account (Meta's webhooks name it).
	 */
	public List<Session> byWaba(String wabaId) {
		return this.mongo.find(Query.query(Criteria.where("wabaId").is(wabaId).and("deletedAt").is(null)).limit(100),
				Session.class);
	}

	/**
	 * Marks the scope's session deleted, with its {@code SessionDeleted} in its outbox;
	 * the document goes once the event is out ({@link #purgeDeleted()}).
	 */
	boolean delete(TenantScope scope, long id) {
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			Session session = find(scope, id).orElse(null);
			if (session == null) {
				return false;
			}
			long revision = session.revision() + 1;
			Update update = new Update().set("deletedAt", Instant.now())
				.set("revision", revision)
				.push(OutboxEvent.FIELD, event(SessionEvents.deleted(session, revision, this.json)));
			if (this.mongo.updateFirst(current(session), update, Session.class).getModifiedCount() > 0) {
				eventQueued();
				return true;
			}
		}
		return false;
	}

	long purgeDeleted() {
		return this.mongo
			.remove(Query.query(Criteria.where("deletedAt").ne(null).and(OutboxEvent.FIELD + ".0").exists(false)),
					Session.class)
			.getDeletedCount();
	}

	private static Query current(Session session) {
		return Query.query(Criteria.where("_id")
			.is(session.id())
			.and("revision")
			.is(session.revision())
			.and("deletedAt")
			.is(null));
	}

	private Object event(OutboxEvent event) {
		return this.mongo.getConverter().convertToMongoType(event);
	}

	private void eventQueued() {
		this.relay.ifAvailable(OutboxRelay::nudge);
	}

	/**
	 * Takes the session's next number-check slot if {@code intervalMillis} has passed
	 * since the last check (one atomic write, so replicas never check faster than that).
	 * @return null when taken; otherwise how long until the slot opens
	 * @throws SessionGoneException when the session was deleted
	 */
	public java.time.Duration takeCheckSlot(Session session, long intervalMillis, Instant now) {
		return takeSlot(session.id(), "lastCheckedAt", intervalMillis, now);
	}

	private java.time.Duration takeSlot(long sessionId, String field, long intervalMillis, Instant now) {
		Instant earliest = now.minusMillis(intervalMillis);
		org.bson.Document taken = this.mongo.findAndModify(
				Query.query(Criteria.where("_id")
					.is(sessionId)
					.and("deletedAt")
					.is(null)
					.orOperator(Criteria.where(field).lte(earliest), Criteria.where(field).is(null))),
				new Update().set(field, now), FindAndModifyOptions.options().returnNew(false), org.bson.Document.class,
				this.mongo.getCollectionName(Session.class));
		if (taken != null) {
			return null;
		}
		org.bson.Document current = this.mongo.findById(sessionId, org.bson.Document.class,
				this.mongo.getCollectionName(Session.class));
		if (current == null || current.get("deletedAt") != null) {
			// Deleted (or purged) meanwhile: no slot will ever open.
			throw new SessionGoneException(sessionId);
		}
		if (!(current.get(field) instanceof java.util.Date last)) {
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
		return Criteria.where("tenantId")
			.is(scope.tenantId())
			.and("environment")
			.is(scope.environment())
			.and("deletedAt")
			.is(null);
	}

}
