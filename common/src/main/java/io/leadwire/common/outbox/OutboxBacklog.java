package io.leadwire.common.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;

import org.springframework.data.mongodb.core.MongoOperations;

/**
 * How many events wait in a collection's outboxes and how old the oldest is: one
 * aggregation over the documents with pending events (the sparse {@code outbox_pending}
 * index holds only those).
 *
 * @param pending events waiting
 * @param oldestAge the age of the oldest, zero when none waits
 */
public record OutboxBacklog(long pending, Duration oldestAge) {

	public static OutboxBacklog of(MongoOperations mongo, String collection) {
		List<Document> pipeline = List.of(
				new Document("$match", new Document(OutboxEvent.FIELD + ".eventId", new Document("$exists", true))),
				new Document("$project",
						new Document("n", new Document("$size", "$" + OutboxEvent.FIELD)).append("oldest",
								new Document("$min", "$" + OutboxEvent.FIELD + ".createdAt"))),
				new Document("$group", new Document("_id", null).append("pending", new Document("$sum", "$n"))
					.append("oldest", new Document("$min", "$oldest"))));
		Document result = mongo.getCollection(collection).aggregate(pipeline).first();
		if (result == null) {
			return new OutboxBacklog(0, Duration.ZERO);
		}
		long pending = ((Number) result.get("pending")).longValue();
		Object oldest = result.get("oldest");
		Duration age = (oldest instanceof Date date) ? Duration.between(date.toInstant(), Instant.now())
				: Duration.ZERO;
		return new OutboxBacklog(pending, age.isNegative() ? Duration.ZERO : age);
	}

}
