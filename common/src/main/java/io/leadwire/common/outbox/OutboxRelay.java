package io.leadwire.common.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;

import io.leadwire.common.api.RequestIds;

/**
 * Moves events from aggregates' {@code outbox} arrays to Kafka: publish, wait for the
 * broker's acknowledgement, then remove the event from its document. A crash between the
 * two publishes the event again later (at least once; consumers dedupe on the event id);
 * a broker outage only delays. Replicas may relay the same event concurrently, with the
 * same outcome.
 */
public class OutboxRelay {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final int BATCH = 100;

	private final MongoOperations mongo;

	private final KafkaTemplate<String, String> kafka;

	private final List<String> collections;

	private final Duration sendTimeout;

	public OutboxRelay(MongoOperations mongo, KafkaTemplate<String, String> kafka, List<String> collections,
			Duration sendTimeout) {
		this.mongo = mongo;
		this.kafka = kafka;
		this.collections = List.copyOf(collections);
		this.sendTimeout = sendTimeout;
	}

	/**
	 * A sparse index on the pending events' ids: only documents with events waiting are
	 * in it, so the relay's poll reads those and never scans a large collection.
	 */
	public void createIndexes() {
		for (String collection : this.collections) {
			try {
				this.mongo.indexOps(collection)
					.createIndex(new Index().on(OutboxEvent.FIELD + ".eventId", Sort.Direction.ASC)
						.sparse()
						.named("outbox_pending"));
			}
			catch (RuntimeException ex) {
				log.warn("Outbox index on {} not created: {}", collection, ex.toString());
			}
		}
	}

	/** Relays what is pending now; returns how many events were published. */
	public int relayPending() {
		int published = 0;
		for (String collection : this.collections) {
			published += relay(collection);
		}
		return published;
	}

	private int relay(String collection) {
		Query pending = Query.query(Criteria.where(OutboxEvent.FIELD + ".eventId").exists(true)).limit(BATCH);
		pending.fields().include(OutboxEvent.FIELD);
		int published = 0;
		for (Document document : this.mongo.find(pending, Document.class, collection)) {
			List<Document> events = document.getList(OutboxEvent.FIELD, Document.class, List.of());
			for (Document event : events) {
				if (!publish(event)) {
					return published;
				}
				this.mongo.updateFirst(Query.query(Criteria.where("_id").is(document.get("_id"))),
						new Update().pull(OutboxEvent.FIELD, new Document("eventId", event.getString("eventId"))),
						collection);
				published++;
			}
		}
		return published;
	}

	private boolean publish(Document event) {
		ProducerRecord<String, String> record = new ProducerRecord<>(event.getString("topic"), event.getString("key"),
				event.getString("value"));
		String requestId = event.getString("requestId");
		if (requestId != null) {
			record.headers().add(RequestIds.HEADER, requestId.getBytes(StandardCharsets.UTF_8));
		}
		try {
			this.kafka.send(record).get(this.sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (Exception ex) {
			log.warn("Outbox event {} not published yet: {}", event.getString("eventId"), ex.toString());
			return false;
		}
	}

}
