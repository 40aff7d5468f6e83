package io.leadwire.messaging.message;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import io.leadwire.common.context.TenantScope;
import io.leadwire.common.outbox.OutboxEvent;
import tools.jackson.databind.ObjectMapper;

/**
 * The send log in MongoDB. Status moves are conditional writes that only go forward, each
 * with its event in the message's outbox: a duplicate or late ack changes nothing.
 */
@Repository
public class MessageStore {

	/** Since when a send of unknown outcome waits for its provider's record. */
	static final String AWAITING = "awaitingRecordSince";

	/** Provider ids this replica remembers at most ({@link #known}). */
	static final int KNOWN_REFS = 50_000;

	private final MongoOperations mongo;

	private final ObjectMapper json;

	/**
	 * The messages this replica recently wrote or read a provider's id for, by that id:
	 * what an ack's move and event need (the message's id, scope, session, campaign and
	 * number, which never change) and a status rank the message has reached at least.
	 * Ranks only go forward, so that bound stays true whoever moves the message later: an
	 * ack at or below it changes nothing and is answered without reading or writing
	 * anything, and an ack above it is written without reading the message first. Acks of
	 * a message this replica does not remember (sent by another replica, or long ago)
	 * read it as before.
	 */
	private final Cache<String, Known> known = Caffeine.newBuilder()
		.maximumSize(KNOWN_REFS)
		.expireAfterWrite(Duration.ofMinutes(15))
		.build();

	public MessageStore(MongoOperations mongo, ObjectMapper json) {
		this.mongo = mongo;
		this.json = json;
	}

	/** A remembered message and the rank it has reached at least. */
	private record Known(Message message, int rank) {
	}

	/**
	 * Remembers that the message holding {@code providerRef} reached {@code rank} at
	 * least (keeping a higher rank remembered before).
	 */
	private void remember(String providerRef, Message message, int rank) {
		this.known.asMap()
			.merge(providerRef, new Known(slim(message), rank),
					(before, now) -> (before.rank() >= now.rank()) ? before : new Known(before.message(), now.rank()));
	}

	/** What a move and its event read of a message, and nothing else. */
	private static Message slim(Message message) {
		return new Message(message.id(), message.tenantId(), message.environment(), message.sessionId(),
				message.campaignId(), null, message.to(), null, null, null, null, 0, null, null, null, null, null, null,
				null);
	}

	/** A new outbound message, queued, with its dispatch request in its outbox. */
	Message insertQueued(Message message) {
		return this.mongo.insert(withEvent(message, MessageEvents.dispatch(message, this.json)));
	}

	/**
	 * An inbound message, once however often its webhook comes; false if it was stored.
	 */
	public boolean insertInbound(Message message, List<OutboxEvent> events) {
		try {
			Message withEvents = message;
			for (OutboxEvent event : events) {
				withEvents = withEvent(withEvents, event);
			}
			this.mongo.insert(withEvents);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/** A new message as it is (a campaign's, debited by the caller). */
	void insert(Message message) {
		this.mongo.insert(message);
	}

	/** New messages in one bulk. */
	void insertAll(List<Message> messages) {
		if (!messages.isEmpty()) {
			this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Message.class).insert(messages).execute();
		}
	}

	/** Messages by id, whole. */
	List<Message> findWhole(Collection<Long> ids) {
		return this.mongo.find(Query.query(Criteria.where("_id").in(ids)), Message.class);
	}

	public Optional<Message> find(long id) {
		return Optional.ofNullable(this.mongo.findById(id, Message.class));
	}

	public Optional<Message> find(TenantScope scope, long id) {
		return Optional.ofNullable(this.mongo.findOne(Query.query(scoped(scope).and("_id").is(id)), Message.class));
	}

	/**
	 * Marks a queued message as being handed to its provider; false if it was already (an
	 * earlier delivery of its dispatch request got this far).
	 */
	public boolean startSending(long id) {
		return this.mongo
			.updateFirst(Query.query(Criteria.where("_id").is(id).and("status").is("queued").and("sendingAt").is(null)),
					new Update().set("sendingAt", Instant.now()).inc("attempts", 1), Message.class)
			.getModifiedCount() > 0;
	}

	/** Messages by id (a lane's batch), without their history and outbox. */
	public List<Message> findAll(java.util.Collection<Long> ids) {
		Query query = Query.query(Criteria.where("_id").in(ids)).with(Sort.by(Sort.Direction.ASC, "_id"));
		query.fields().exclude("statusHistory", OutboxEvent.FIELD);
		return this.mongo.find(query, Message.class);
	}

	/**
	 * Marks the queued, unmarked ones of {@code ids} as being handed to their provider at
	 * {@code at}, in one write (a lane's batch, before any of them is sent).
	 * @return the ids this write marked (all of them unless another lane got there first)
	 */
	public java.util.Set<Long> startSending(java.util.Collection<Long> ids, Instant at) {
		if (ids.isEmpty()) {
			return java.util.Set.of();
		}
		long marked = this.mongo
			.updateMulti(
					Query.query(Criteria.where("_id").in(ids).and("status").is("queued").and("sendingAt").is(null)),
					new Update().set("sendingAt", at).inc("attempts", 1), Message.class)
			.getModifiedCount();
		if (marked == ids.size()) {
			return new java.util.HashSet<>(ids);
		}
		Query mine = Query.query(Criteria.where("_id").in(ids).and("sendingAt").is(at));
		mine.fields().include("_id");
		java.util.Set<Long> found = new java.util.HashSet<>();
		for (org.bson.Document document : this.mongo.find(mine, org.bson.Document.class,
				this.mongo.getCollectionName(Message.class))) {
			found.add(((Number) document.get("_id")).longValue());
		}
		return found;
	}

	/**
	 * Moves messages the provider accepted to {@code sent} with their provider ids, and
	 * their {@code MessageSent} events, in one bulk write (each move conditional, as
	 * {@link #sent} is).
	 */
	public void sentAll(List<Sent> sent) {
		if (sent.isEmpty()) {
			return;
		}
		Instant now = Instant.now();
		List<com.mongodb.client.model.WriteModel<org.bson.Document>> moves = new java.util.ArrayList<>(sent.size());
		for (Sent one : sent) {
			moves.add(new com.mongodb.client.model.UpdateOneModel<>(forwardFilter(one.message(), MessageStatus.SENT),
					movedUpdate(one.message(), MessageStatus.SENT, now, null, one.providerRef())));
		}
		java.util.Set<Integer> refused = new java.util.HashSet<>();
		try {
			messages().bulkWrite(moves, new com.mongodb.client.model.BulkWriteOptions().ordered(false));
		}
		catch (com.mongodb.MongoBulkWriteException ex) {
			// A provider id another message holds (adopted from a webhook): those move
			// without it, one at a time.
			for (com.mongodb.bulk.BulkWriteError error : ex.getWriteErrors()) {
				if (error.getCode() != 11000) {
					throw ex;
				}
				refused.add(error.getIndex());
				move(sent.get(error.getIndex()).message(), MessageStatus.SENT, now, null, null);
			}
		}
		// Each holds its provider id and is sent at least (moved now, or further before).
		for (int i = 0; i < sent.size(); i++) {
			Sent one = sent.get(i);
			if (one.providerRef() != null && !refused.contains(i)) {
				remember(one.providerRef(), one.message(), MessageStatus.SENT.rank());
			}
		}
	}

	/** A message its provider accepted, with the provider's id for it (may be null). */
	public record Sent(Message message, String providerRef) {
	}

	/**
	 * Clears the mark of a send found not to have reached the provider, so it is tried
	 * again; false if another dispatcher moved the message meanwhile.
	 */
	public boolean clearSending(long id, Instant sendingAt) {
		return this.mongo
			.updateFirst(
					Query.query(Criteria.where("_id").is(id).and("status").is("queued").and("sendingAt").is(sendingAt)),
					new Update().unset("sendingAt"), Message.class)
			.getModifiedCount() > 0;
	}

	/**
	 * Marks taken back before any provider call (the campaign was paused or cancelled
	 * while its batch went out): the messages wait in the queue as if never taken, and
	 * the attempt is not counted.
	 */
	public void unmark(Collection<Long> ids, Instant sendingAt) {
		this.mongo.updateMulti(
				Query.query(Criteria.where("_id").in(ids).and("status").is("queued").and("sendingAt").is(sendingAt)),
				new Update().unset("sendingAt").inc("attempts", -1), Message.class);
	}

	/**
	 * A send of unknown outcome to a provider that keeps no record we can ask (Cloud): it
	 * waits for a status webhook naming it ({@link #adoptProviderRef}); false if the
	 * message moved meanwhile.
	 */
	public boolean awaitProviderRecord(long id, Instant sendingAt) {
		return this.mongo.updateFirst(Query.query(Criteria.where("_id")
			.is(id)
			.and("status")
			.is("queued")
			.and("sendingAt")
			.is(sendingAt)
			.and("providerRef")
			.is(null)), new Update().set(AWAITING, Instant.now()), Message.class).getModifiedCount() > 0;
	}

	/**
	 * A provider's status webhook named the message by our id before we knew its id at
	 * the provider (the send's answer was lost, or came later than the webhook): the
	 * provider's id is taken; false if the message has one, or is not the session's.
	 */
	public boolean adoptProviderRef(long id, long sessionId, String providerRef) {
		try {
			return this.mongo
				.updateFirst(Query
					.query(Criteria.where("_id").is(id).and("sessionId").is(sessionId).and("providerRef").is(null)),
						new Update().set("providerRef", providerRef), Message.class)
				.getModifiedCount() > 0;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/**
	 * Messages still waiting for their provider's record since before {@code before}: at
	 * most {@code limit}.
	 */
	public List<Message> awaitingSince(Instant before, int limit) {
		Query query = Query.query(Criteria.where(AWAITING).lt(before).and("status").is("queued")).limit(limit);
		query.fields().exclude("statusHistory", OutboxEvent.FIELD);
		return this.mongo.find(query, Message.class);
	}

	/** How many times the message was handed to its provider. */
	public int attempts(long id) {
		Query query = Query.query(Criteria.where("_id").is(id));
		query.fields().include("attempts");
		org.bson.Document found = this.mongo.findOne(query, org.bson.Document.class,
				this.mongo.getCollectionName(Message.class));
		return (found != null && found.get("attempts") instanceof Number number) ? number.intValue() : 0;
	}

	/**
	 * Records the provider's id once it accepted the message, and moves it to sent; as
	 * {@link #sentAll}, without the id when another message holds it (adopted from a
	 * webhook).
	 */
	public void sent(Message message, String providerRef) {
		Instant now = Instant.now();
		if (providerRef != null) {
			try {
				move(message, MessageStatus.SENT, now, null, providerRef);
				return;
			}
			catch (com.mongodb.MongoWriteException ex) {
				if (ex.getError().getCategory() != com.mongodb.ErrorCategory.DUPLICATE_KEY) {
					throw ex;
				}
			}
		}
		move(message, MessageStatus.SENT, now, null, null);
	}

	/**
	 * Moves the message to {@code status} if that is forward from where it is; returns
	 * whether it moved.
	 */
	public boolean advance(Message message, MessageStatus status, Instant at, String error) {
		return move(message, status, at, error, null);
	}

	/**
	 * As {@link #advance(Message, MessageStatus, Instant, String)}, found by provider id.
	 */
	public boolean advanceByProviderRef(String providerRef, MessageStatus status, Instant at, String error) {
		Query byRef = Query.query(Criteria.where("providerRef").is(providerRef));
		// What the move and its event need: every provider ack reads one.
		byRef.fields()
			.include("tenantId", "environment", "sessionId", "campaignId", "direction", "to", "type", "status",
					"statusRank");
		Message message = this.mongo.findOne(byRef, Message.class);
		// An ack that changes nothing (a duplicate, or one overtaken) writes nothing.
		return message != null && message.statusRank() < status.rank() && advance(message, status, at, error);
	}

	/**
	 * As {@link #advanceByProviderRef}, for many acks at once: one read of their messages
	 * and one ordered bulk of conditional moves. Acks of one message apply in the order
	 * given, each only if it moves the message forward from where the ones before left
	 * it. Returns how many moved.
	 */
	public Advanced advanceAllByProviderRef(List<Ack> acks) {
		if (acks.isEmpty()) {
			return new Advanced(0, java.util.Set.of());
		}
		// Per ref: the message and the rank it has reached at least; remembered ones
		// are not read.
		java.util.Map<String, Message> found = new java.util.HashMap<>();
		java.util.Map<String, Integer> ranks = new java.util.HashMap<>();
		java.util.Set<String> unread = new java.util.HashSet<>();
		for (Ack ack : acks) {
			Known known = this.known.getIfPresent(ack.providerRef());
			if (known != null) {
				found.put(ack.providerRef(), known.message());
				ranks.put(ack.providerRef(), known.rank());
			}
			else {
				unread.add(ack.providerRef());
			}
		}
		if (!unread.isEmpty()) {
			Query byRef = Query.query(Criteria.where("providerRef").in(unread));
			byRef.fields()
				.include("tenantId", "environment", "sessionId", "campaignId", "direction", "to", "type", "status",
						"statusRank", "providerRef");
			for (Message message : this.mongo.find(byRef, Message.class)) {
				found.put(message.providerRef(), message);
				ranks.put(message.providerRef(), message.statusRank());
			}
		}
		List<com.mongodb.client.model.WriteModel<org.bson.Document>> moves = new java.util.ArrayList<>();
		java.util.Set<String> unknown = new java.util.HashSet<>();
		for (Ack ack : acks) {
			Message message = found.get(ack.providerRef());
			if (message == null) {
				unknown.add(ack.providerRef());
				continue;
			}
			int rank = ranks.get(ack.providerRef());
			boolean forward = rank < ack.status().rank() && (ack.status() != MessageStatus.FAILED || rank <= 1);
			if (!forward) {
				continue;
			}
			// A failure that finds the message delivered meanwhile moves nothing: its
			// rank is not a bound.
			if (ack.status() != MessageStatus.FAILED) {
				ranks.put(ack.providerRef(), ack.status().rank());
			}
			moves.add(new com.mongodb.client.model.UpdateOneModel<>(forwardFilter(message, ack.status()),
					movedUpdate(message, ack.status(), ack.at(), ack.error(), null)));
		}
		int moved = moves.isEmpty() ? 0 : messages().bulkWrite(moves).getModifiedCount();
		// Written (or found further already, which the conditional moves leave alone):
		// each message has reached its rank here at least.
		ranks.forEach((ref, rank) -> remember(ref, found.get(ref), rank));
		return new Advanced(moved, unknown);
	}

	/**
	 * What a group of acks did: how many messages moved, and the refs no message holds
	 * (yet: a send whose answer has not been recorded).
	 */
	public record Advanced(int moved, java.util.Set<String> unknown) {
	}

	/** A provider's status for the message it knows by {@code providerRef}. */
	public record Ack(String providerRef, MessageStatus status, Instant at, String error) {
	}

	/**
	 * Moves the message to {@code status}, with the provider's id when given, if that is
	 * forward from where it is; returns whether it moved.
	 */
	private boolean move(Message message, MessageStatus status, Instant at, String error, String providerRef) {
		return messages()
			.updateOne(forwardFilter(message, status), movedUpdate(message, status, at, error, providerRef))
			.getModifiedCount() > 0;
	}

	/**
	 * The messages' collection through the driver: every status move (the bulks written
	 * for every ack and every lane's answers among them) builds its filter and update as
	 * BSON itself ({@link #forwardFilter}, {@link #movedUpdate}), where mapping each
	 * through Spring Data's query and update mappers was a third of the bulks' cost.
	 */
	private com.mongodb.client.MongoCollection<org.bson.Document> messages() {
		return this.mongo.getCollection(this.mongo.getCollectionName(Message.class));
	}

	/** The message, where {@code status} is forward from where it is. */
	private static org.bson.Document forwardFilter(Message message, MessageStatus status) {
		org.bson.Document filter = new org.bson.Document("_id", message.id()).append("statusRank",
				new org.bson.Document("$lt", status.rank()));
		if (status == MessageStatus.FAILED) {
			filter.append("status", new org.bson.Document("$in", List.of("queued", "sent")));
		}
		return filter;
	}

	/**
	 * The move to {@code status}, with its history entry and event, and the provider's id
	 * when given.
	 */
	private org.bson.Document movedUpdate(Message message, MessageStatus status, Instant at, String error,
			String providerRef) {
		org.bson.Document set = new org.bson.Document("status", status.wireName()).append("statusRank", status.rank())
			.append("updatedAt", new java.util.Date());
		if (error != null) {
			set.append("error", error);
		}
		if (providerRef != null) {
			set.append("providerRef", providerRef);
		}
		org.bson.Document push = new org.bson.Document("statusHistory",
				new org.bson.Document("status", status.wireName()).append("at", java.util.Date.from(at)))
			.append(OutboxEvent.FIELD, MessageEvents.status(message, status, at, error, this.json).toDocument());
		return new org.bson.Document("$set", set).append("$push", push);
	}

	/**
	 * A page of the scope's messages, newest first, after {@code afterId} when given (a
	 * cursor: no skip).
	 */
	List<Message> list(TenantScope scope, Criteria filter, Long afterId, int limit) {
		Criteria criteria = scoped(scope);
		if (filter != null) {
			criteria = new Criteria().andOperator(criteria, filter);
		}
		if (afterId != null) {
			criteria = new Criteria().andOperator(criteria, Criteria.where("_id").lt(afterId));
		}
		return this.mongo.find(Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "_id")).limit(limit),
				Message.class);
	}

	long count(TenantScope scope, Criteria filter) {
		Criteria criteria = (filter != null) ? new Criteria().andOperator(scoped(scope), filter) : scoped(scope);
		return this.mongo.count(Query.query(criteria), Message.class);
	}

	private Message withEvent(Message message, OutboxEvent event) {
		List<OutboxEvent> events = new java.util.ArrayList<>((message.outbox() != null) ? message.outbox() : List.of());
		events.add(event);
		return new Message(message.id(), message.tenantId(), message.environment(), message.sessionId(),
				message.campaignId(), message.direction(), message.to(), message.from(), message.type(),
				message.content(), message.status(), message.statusRank(), message.statusHistory(), message.error(),
				message.providerRef(), message.sendingAt(), message.createdAt(), message.updatedAt(), events);
	}

	static Criteria scoped(TenantScope scope) {
		return Criteria.where("tenantId").is(scope.tenantId()).and("environment").is(scope.environment());
	}

	/**
	 * The scope's outbound messages created in {@code [since, until)}, counted per UTC
	 * minute ({@code yyyy-MM-ddTHH:mm}) by the database; minutes without any are absent.
	 */
	Map<String, Long> outboundPerMinute(TenantScope scope, Instant since, Instant until) {
		Map<String, Long> counts = new java.util.LinkedHashMap<>();
		this.mongo
			.aggregate(org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation(
					org.springframework.data.mongodb.core.aggregation.Aggregation.match(outbound(scope, since, until)),
					org.springframework.data.mongodb.core.aggregation.Aggregation.project()
						.and(org.springframework.data.mongodb.core.aggregation.DateOperators.DateToString
							.dateOf("createdAt")
							.toString("%Y-%m-%dT%H:%M"))
						.as("minute"),
					org.springframework.data.mongodb.core.aggregation.Aggregation.group("minute").count().as("count")),
					"messages", org.bson.Document.class)
			.forEach((row) -> counts.put(row.getString("_id"), ((Number) row.get("count")).longValue()));
		return counts;
	}

	/** The same messages counted by the status they are in now. */
	Map<String, Long> outboundByStatus(TenantScope scope, Instant since, Instant until) {
		Map<String, Long> counts = new java.util.LinkedHashMap<>();
		this.mongo.aggregate(org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation(
				org.springframework.data.mongodb.core.aggregation.Aggregation.match(outbound(scope, since, until)),
				org.springframework.data.mongodb.core.aggregation.Aggregation.group("status").count().as("count")),
				"messages", org.bson.Document.class)
			.forEach((row) -> {
				if (row.get("_id") instanceof String status) {
					counts.put(status, ((Number) row.get("count")).longValue());
				}
			});
		return counts;
	}

	private static Criteria outbound(TenantScope scope, Instant since, Instant until) {
		return Criteria.where("tenantId")
			.is(scope.tenantId())
			.and("environment")
			.is(scope.environment())
			.and("direction")
			.is("outbound")
			.and("createdAt")
			.gte(java.util.Date.from(since))
			.lt(java.util.Date.from(until));
	}

}
