package io.leadwire.messaging.dispatch;

import java.util.Collection;
import java.util.List;

import org.bson.Document;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

import io.leadwire.common.mongo.UniqueInserts;

/**
 * The send queues of every session in one small collection ({@code send_queue}): a
 * document {@code {_id: messageId, sessionId}} per queued outbound message, filed by the
 * dispatch intake once the message is in the send log and removed by the session's lane
 * once the message's outcome is known. A lane reads its session's queue by a cursor on
 * the message id (index {@code {sessionId, _id}}), so it never reads the send log to find
 * work, and the queue holds only what waits (a campaign keeps under a second of its sends
 * there).
 */
@Repository
class SendQueue {

	static final String COLLECTION = "send_queue";

	private final MongoOperations mongo;

	SendQueue(MongoOperations mongo) {
		this.mongo = mongo;
		mongo.indexOps(COLLECTION)
			.createIndex(new Index().on("sessionId", Sort.Direction.ASC).on("_id", Sort.Direction.ASC));
	}

	/**
	 * Files queued messages {@code (messageId, sessionId)}; one filed before stays once.
	 */
	void add(Collection<Entry> entries) {
		if (entries.isEmpty()) {
			return;
		}
		List<Document> documents = entries.stream()
			.map((entry) -> new Document("_id", entry.messageId()).append("sessionId", entry.sessionId()))
			.toList();
		UniqueInserts.insertAll(this.mongo.getCollection(COLLECTION), documents);
	}

	/** The next message ids of the session's queue after {@code afterId}, in order. */
	List<Long> next(long sessionId, long afterId, int limit) {
		Query query = Query.query(Criteria.where("sessionId").is(sessionId).and("_id").gt(afterId))
			.with(Sort.by(Sort.Direction.ASC, "_id"))
			.limit(limit);
		query.fields().include("_id");
		return this.mongo.find(query, Document.class, COLLECTION)
			.stream()
			.map((document) -> ((Number) document.get("_id")).longValue())
			.toList();
	}

	/** Messages whose outcome is known leave the queue. */
	void remove(Collection<Long> messageIds) {
		if (!messageIds.isEmpty()) {
			this.mongo.remove(Query.query(Criteria.where("_id").in(messageIds)), COLLECTION);
		}
	}

	/** A queued message of a session. */
	record Entry(long messageId, long sessionId) {
	}

}
