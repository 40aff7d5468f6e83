package io.leadwire.common.inbox;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * How a consumer that counts applies an event exactly once, without transactions: the
 * effect (an {@code $inc}, a {@code $set}) and the event's id go into the same document
 * in one update, conditioned on the id not being there yet. A redelivered event finds its
 * id and changes nothing; events may arrive in any order. The document keeps the ids of
 * the last {@value #WINDOW} events applied to it ({@value #FIELD}); Kafka redelivers at
 * most the records of one uncommitted poll (500 per partition by default), far inside
 * that.
 * <p>
 * Every counting consumer is written this way (docs/decisions.md, "Writing a consumer
 * that counts"): campaign analytics, wallet balances.
 */
public final class Inbox {

	/** The field holding the ids of the events applied to a document. */
	public static final String FIELD = "_inbox";

	public static final int WINDOW = 2000;

	private final MongoOperations mongo;

	public Inbox(MongoOperations mongo) {
		this.mongo = mongo;
	}

	/**
	 * Applies {@code effect} to document {@code id} of {@code collection} (created if
	 * absent) unless event {@code eventId} was applied to it already.
	 * @return whether the effect was applied now
	 */
	public boolean apply(String collection, Object id, String eventId, Update effect) {
		Query notYet = Query.query(Criteria.where("_id").is(id).and(FIELD).ne(eventId));
		Update once = effect.push(FIELD).slice(-WINDOW).each(eventId);
		try {
			com.mongodb.client.result.UpdateResult result = this.mongo.upsert(notYet, once, collection);
			return result.getModifiedCount() > 0 || result.getUpsertedId() != null;
		}
		catch (DuplicateKeyException ex) {
			// The document exists and holds the id: the upsert tried to insert a second
			// one.
			return false;
		}
	}

}
