package io.leadwire.messaging.message;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.bulk.BulkWriteError;
import org.bson.Document;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * The {@value #COLLECTION} collection, its only user: which message a campaign's dispatch
 * request ({@code <campaignId>:<recipientId>}) became. Its unique key makes a redelivered
 * request find the message the first delivery made instead of making a second.
 */
@Repository
class DispatchKeys {

	static final String COLLECTION = "campaign_dispatches";

	private final MongoOperations mongo;

	DispatchKeys(MongoOperations mongo) {
		this.mongo = mongo;
	}

	/**
	 * Takes these keys for these message ids in one bulk; the indexes of the keys taken
	 * before.
	 */
	Set<Integer> takeAll(List<String> keys, List<Long> messageIds, java.util.Date at) {
		List<Document> mappings = new java.util.ArrayList<>(keys.size());
		for (int i = 0; i < keys.size(); i++) {
			mappings.add(new Document("_id", keys.get(i)).append("messageId", messageIds.get(i)).append("at", at));
		}
		try {
			this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION).insert(mappings).execute();
			return Set.of();
		}
		catch (BulkOperationException ex) {
			Set<Integer> taken = new HashSet<>();
			for (BulkWriteError error : ex.getErrors()) {
				if (error.getCode() != 11000) {
					throw ex;
				}
				taken.add(error.getIndex());
			}
			return taken;
		}
	}

	/** Takes the key for the message id the first time it comes (false: taken before). */
	boolean take(String key, long messageId) {
		try {
			this.mongo.insert(
					new Document("_id", key).append("messageId", messageId).append("at", new java.util.Date()),
					COLLECTION);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/** The message id the key was taken for. */
	long messageIdOf(String key) {
		return ((Number) this.mongo.findById(key, Document.class, COLLECTION).get("messageId")).longValue();
	}

	/** The keys taken, by the message id each was taken for. */
	Map<Long, String> keysByMessageId(Collection<String> keys) {
		Map<Long, String> keyOf = new HashMap<>();
		for (Document mapping : this.mongo.find(Query.query(Criteria.where("_id").in(keys)), Document.class,
				COLLECTION)) {
			keyOf.put(((Number) mapping.get("messageId")).longValue(), mapping.getString("_id"));
		}
		return keyOf;
	}

}
