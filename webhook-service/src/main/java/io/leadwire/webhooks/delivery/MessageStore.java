package io.leadwire.webhooks.delivery;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.leadwire.common.context.TenantScope;
import io.leadwire.common.mongo.UniqueInserts;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The {@code webhook_messages} and {@code webhook_attempts} collections. A message is
 * claimed with a lease ({@code owner}, {@code leaseUntil}) and its outcome is written
 * only by the replica that still owns it, so two replicas never both record one attempt.
 */
@Repository
class MessageStore {

	private final MongoOperations mongo;

	MessageStore(MongoOperations mongo) {
		this.mongo = mongo;
	}

	/** Inserts new messages; those already there (a redelivered event) are left alone. */
	int insertNew(List<WebhookMessage> messages) {
		List<Document> documents = messages.stream().map((message) -> {
			Document document = new Document();
			this.mongo.getConverter().write(message, document);
			return document;
		}).toList();
		List<Integer> refused = UniqueInserts.insertAll(this.mongo.getCollection(collection()), documents);
		return messages.size() - refused.size();
	}

	/**
	 * Claims the message due the longest, of a tenant and an endpoint not in
	 * {@code busyTenants} and {@code busyEndpoints}.
	 */
	/**
	 * Up to {@code limit} messages due longest, of tenants and endpoints not in
	 * {@code busyTenants} and {@code busyEndpoints}: their id, tenant and endpoint only,
	 * for the dispatcher to pick from and {@link #claim} one by one (one scan for many
	 * claims).
	 */
	List<Candidate> due(Instant now, Collection<Long> busyTenants, Collection<Long> busyEndpoints, int limit) {
		Criteria due = Criteria.where("status")
			.is(WebhookMessage.PENDING)
			.and("nextAttemptAt")
			.lte(now)
			.orOperator(Criteria.where("leaseUntil").is(null), Criteria.where("leaseUntil").lt(now));
		if (!busyTenants.isEmpty()) {
			due = due.and("tenantId").nin(busyTenants);
		}
		if (!busyEndpoints.isEmpty()) {
			due = due.and("endpointId").nin(busyEndpoints);
		}
		Query query = Query.query(due).with(Sort.by("nextAttemptAt")).limit(limit);
		query.fields().include("_id", "tenantId", "endpointId");
		return this.mongo.find(query, Document.class, collection())
			.stream()
			.map((document) -> new Candidate(((Number) document.get("_id")).longValue(),
					((Number) document.get("tenantId")).longValue(), ((Number) document.get("endpointId")).longValue()))
			.toList();
	}

	/** A message due to be claimed. */
	record Candidate(long id, long tenantId, long endpointId) {
	}

	/**
	 * Claims message {@code id} for {@code owner} until {@code leaseUntil} if it is still
	 * pending and nobody holds it; null otherwise.
	 */
	WebhookMessage claim(long id, String owner, Instant now, Instant leaseUntil) {
		return this.mongo.findAndModify(
				Query.query(Criteria.where("_id")
					.is(id)
					.and("status")
					.is(WebhookMessage.PENDING)
					.orOperator(Criteria.where("leaseUntil").is(null), Criteria.where("leaseUntil").lt(now))),
				new Update().set("owner", owner).set("leaseUntil", leaseUntil),
				FindAndModifyOptions.options().returnNew(true), WebhookMessage.class);
	}

	/**
	 * The first message of the same resource for the same endpoint that is still to go
	 * before {@code message} (its first round), or null.
	 */
	WebhookMessage earlierPending(WebhookMessage message) {
		return this.mongo.findOne(
				Query
					.query(Criteria.where("endpointId")
						.is(message.endpointId())
						.and("orderKey")
						.is(message.orderKey())
						.and("sequence")
						.lt(message.sequence())
						.and("status")
						.is(WebhookMessage.PENDING)
						.and("round")
						.is(0))
					.with(Sort.by("sequence"))
					.limit(1),
				WebhookMessage.class);
	}

	/** Writes the outcome of an attempt if {@code owner} still owns the message. */
	boolean settle(WebhookMessage message, String owner, Update outcome) {
		outcome.unset("owner").unset("leaseUntil");
		return this.mongo.updateFirst(Query.query(Criteria.where("_id")
			.is(message.id())
			.and("owner")
			.is(owner)
			.and("round")
			.is(message.round())
			.and("status")
			.is(WebhookMessage.PENDING)), outcome, WebhookMessage.class).getModifiedCount() > 0;
	}

	void record(Attempt attempt) {
		try {
			this.mongo.insert(attempt);
		}
		catch (DuplicateKeyException ex) {
			// Written already (a retried write): one entry per attempt.
		}
	}

	void remove(long id) {
		this.mongo.remove(Query.query(Criteria.where("_id").is(id)), WebhookMessage.class);
	}

	/** Dead-letters the endpoint's pending messages (it was disabled). */
	long failPending(long endpointId, String error, Instant now) {
		return this.mongo.updateMulti(
				Query.query(Criteria.where("endpointId").is(endpointId).and("status").is(WebhookMessage.PENDING)),
				new Update().set("status", WebhookMessage.FAILED)
					.set("lastError", error)
					.set("updatedAt", now)
					.unset("owner")
					.unset("leaseUntil"),
				WebhookMessage.class)
			.getModifiedCount();
	}

	Optional<WebhookMessage> find(TenantScope scope, long id) {
		return Optional.ofNullable(
				this.mongo.findOne(scoped(scope).addCriteria(Criteria.where("_id").is(id)), WebhookMessage.class));
	}

	List<WebhookMessage> list(TenantScope scope, Long endpointId, String status, String eventType, long offset,
			int limit) {
		return this.mongo.find(filtered(scope, endpointId, status, eventType)
			.with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id")))
			.skip(offset)
			.limit(limit), WebhookMessage.class);
	}

	long count(TenantScope scope, Long endpointId, String status, String eventType) {
		return this.mongo.count(filtered(scope, endpointId, status, eventType), WebhookMessage.class);
	}

	/** Sends a delivered or dead message again, as a new round. */
	boolean replay(TenantScope scope, long id, Instant now) {
		return this.mongo
			.updateFirst(
					scoped(scope).addCriteria(Criteria.where("_id").is(id).and("status").ne(WebhookMessage.PENDING)),
					again(now), WebhookMessage.class)
			.getModifiedCount() > 0;
	}

	/**
	 * Sends the endpoint's dead messages made since {@code since} again, at most
	 * {@code limit} of them (oldest first); how many.
	 */
	int replayFailed(TenantScope scope, long endpointId, Instant since, int limit, Instant now) {
		List<Object> ids = this.mongo
			.find(scoped(scope).addCriteria(Criteria.where("endpointId")
				.is(endpointId)
				.and("status")
				.is(WebhookMessage.FAILED)
				.and("createdAt")
				.gte(since)).with(Sort.by("createdAt", "_id")).limit(limit), Document.class, collection())
			.stream()
			.map((document) -> document.get("_id"))
			.toList();
		if (ids.isEmpty()) {
			return 0;
		}
		return (int) this.mongo
			.updateMulti(
					scoped(scope).addCriteria(Criteria.where("_id").in(ids).and("status").is(WebhookMessage.FAILED)),
					again(now), WebhookMessage.class)
			.getModifiedCount();
	}

	List<Attempt> attempts(TenantScope scope, Long endpointId, Long messageId, long offset, int limit) {
		return this.mongo
			.find(attemptsOf(scope, endpointId, messageId).with(Sort.by(Sort.Order.desc("at"), Sort.Order.desc("_id")))
				.skip(offset)
				.limit(limit), Attempt.class);
	}

	long countAttempts(TenantScope scope, Long endpointId, Long messageId) {
		return this.mongo.count(attemptsOf(scope, endpointId, messageId), Attempt.class);
	}

	/** An endpoint went: its messages and log go too. */
	void removeEndpoint(long endpointId) {
		this.mongo.remove(Query.query(Criteria.where("endpointId").is(endpointId)), WebhookMessage.class);
		this.mongo.remove(Query.query(Criteria.where("endpointId").is(endpointId)), Attempt.class);
	}

	/** Removes finished messages and log entries older than {@code before}. */
	void purge(Instant before) {
		this.mongo.remove(Query.query(Criteria.where("status")
			.in(WebhookMessage.DELIVERED, WebhookMessage.FAILED)
			.and("updatedAt")
			.lt(before)), WebhookMessage.class);
		this.mongo.remove(Query.query(Criteria.where("at").lt(before)), Attempt.class);
	}

	private static Update again(Instant now) {
		return new Update().set("status", WebhookMessage.PENDING)
			.set("attempts", 0)
			.inc("round", 1)
			.set("nextAttemptAt", now)
			.set("updatedAt", now)
			.unset("owner")
			.unset("leaseUntil");
	}

	private Query filtered(TenantScope scope, Long endpointId, String status, String eventType) {
		Query query = scoped(scope);
		if (endpointId != null) {
			query.addCriteria(Criteria.where("endpointId").is(endpointId));
		}
		if (status != null) {
			query.addCriteria(Criteria.where("status").is(status));
		}
		if (eventType != null) {
			query.addCriteria(Criteria.where("eventType").is(eventType));
		}
		return query;
	}

	private static Query attemptsOf(TenantScope scope, Long endpointId, Long messageId) {
		Query query = scoped(scope);
		if (endpointId != null) {
			query.addCriteria(Criteria.where("endpointId").is(endpointId));
		}
		if (messageId != null) {
			query.addCriteria(Criteria.where("messageId").is(messageId));
		}
		return query;
	}

	private String collection() {
		return this.mongo.getCollectionName(WebhookMessage.class);
	}

	private static Query scoped(TenantScope scope) {
		return Query.query(Criteria.where("tenantId").is(scope.tenantId()).and("environment").is(scope.environment()));
	}

}
