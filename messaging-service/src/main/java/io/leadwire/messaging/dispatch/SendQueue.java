package io.leadwire.messaging.dispatch;

import java.util.Collection;
import java.util.List;

import org.bson.Document;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import io.leadwire.common.mongo.UniqueInserts;

/**
 * The send queues of every session in one small collection ({@code send_queue}): a
 * document {@code {_id: messageId, sessionId, campaignId, due}} per queued outbound
 * message, filed by the dispatch intake once the message is in the send log and removed
 * by the session's lane once the message's outcome is known. {@code due} (epoch
 * milliseconds) is when the message may go: a single send's is its filing time, a
 * campaign message's the time the campaign's pace gives it ({@code notBefore}), so the
 * lane is the one place that waits. A lane reads what is due of its session's queue in
 * due order (index {@code {sessionId, due, _id}}), leaving out its own messages in flight
 * and the messages of paused campaigns; it never reads the send log to find work.
 */
@Repository
class SendQueue {

	static final String COLLECTION = "send_queue";

	private final MongoOperations mongo;

	SendQueue(MongoOperations mongo) {
		this.mongo = mongo;
		mongo.indexOps(COLLECTION)
			.createIndex(new Index().on("sessionId", Sort.Direction.ASC)
				.on("due", Sort.Direction.ASC)
				.on("_id", Sort.Direction.ASC));
		mongo.indexOps(COLLECTION).createIndex(new Index().on("campaignId", Sort.Direction.ASC));
	}

	/** Files queued messages; one filed before stays as it was. */
	void add(Collection<Entry> entries) {
		if (entries.isEmpty()) {
			return;
		}
		List<Document> documents = entries.stream().map((entry) -> {
			Document document = new Document("_id", entry.messageId()).append("sessionId", entry.sessionId())
				.append("due", entry.due());
			if (entry.campaignId() != null) {
				document.append("campaignId", entry.campaignId());
			}
			return document;
		}).toList();
		UniqueInserts.insertAll(this.mongo.getCollection(COLLECTION), documents);
	}

	/**
	 * The first {@code limit} entries of the session's queue by due time (due or not),
	 * except {@code skip} and the messages of {@code held} campaigns: one read tells a
	 * lane both what it may send now and, when nothing is due, how long to sleep.
	 */
	List<Waiting> next(long sessionId, Collection<Long> skip, Collection<Long> held, int limit) {
		Query query = Query.query(waiting(sessionId, skip, held))
			.with(Sort.by(Sort.Order.asc("due"), Sort.Order.asc("_id")))
			.limit(limit);
		query.fields().include("_id").include("due").include("campaignId");
		return this.mongo.find(query, Document.class, COLLECTION)
			.stream()
			.map((document) -> new Waiting(((Number) document.get("_id")).longValue(),
					// A message filed without a due time (by an older replica) is due.
					(document.get("due") instanceof Number due) ? due.longValue() : 0L,
					(document.get("campaignId") instanceof Number campaign) ? campaign.longValue() : null))
			.toList();
	}

	/**
	 * Whether the session's queue holds anything but {@code skip} and the messages of
	 * {@code held} campaigns.
	 */
	boolean any(long sessionId, Collection<Long> skip, Collection<Long> held) {
		return !next(sessionId, skip, held, 1).isEmpty();
	}

	/** Up to {@code limit} queued messages of these campaigns in the session, any due. */
	List<Long> ofCampaigns(long sessionId, Collection<Long> campaignIds, Collection<Long> skip, int limit) {
		Criteria criteria = Criteria.where("sessionId").is(sessionId).and("campaignId").in(campaignIds);
		if (!skip.isEmpty()) {
			criteria.and("_id").nin(skip);
		}
		Query query = Query.query(criteria).with(Sort.by(Sort.Order.asc("_id"))).limit(limit);
		query.fields().include("_id");
		return ids(query);
	}

	/**
	 * The campaign's queued messages become due {@code millis} later (it was paused that
	 * long: its pace goes on where it stopped).
	 */
	void postpone(long campaignId, long millis) {
		if (millis > 0) {
			this.mongo.updateMulti(Query.query(Criteria.where("campaignId").is(campaignId)),
					new Update().inc("due", millis), COLLECTION);
		}
	}

	/**
	 * The message becomes due at {@code due} (epoch milliseconds): a provider's rate
	 * limit had it wait.
	 */
	void delay(long messageId, long due) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(messageId)), new Update().set("due", due),
				COLLECTION);
	}

	/** Messages whose outcome is known leave the queue. */
	void remove(Collection<Long> messageIds) {
		if (!messageIds.isEmpty()) {
			this.mongo.remove(Query.query(Criteria.where("_id").in(messageIds)), COLLECTION);
		}
	}

	private static Criteria waiting(long sessionId, Collection<Long> skip, Collection<Long> held) {
		Criteria criteria = Criteria.where("sessionId").is(sessionId);
		if (!skip.isEmpty()) {
			criteria.and("_id").nin(skip);
		}
		if (!held.isEmpty()) {
			criteria.and("campaignId").nin(held);
		}
		return criteria;
	}

	private List<Long> ids(Query query) {
		return this.mongo.find(query, Document.class, COLLECTION)
			.stream()
			.map((document) -> ((Number) document.get("_id")).longValue())
			.toList();
	}

	/**
	 * A queued message of a session: its campaign (null for a single send) and when it
	 * may go (epoch milliseconds).
	 */
	record Entry(long messageId, long sessionId, Long campaignId, long due) {
	}

	/** A queued message as its lane reads it. */
	record Waiting(long messageId, long due, Long campaignId) {
	}

}
