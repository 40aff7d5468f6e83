package io.leadwire.common.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import io.leadwire.common.api.RequestIds;

/**
 * Moves events from aggregates' {@code outbox} arrays to Kafka, a batch at a time: every
 * pending event of up to {@value #BATCH_DOCUMENTS} documents is sent at once, the acks
 * are awaited together, and the acknowledged events are removed in one bulk write. A
 * crash between send and removal publishes them again (at least once; consumers dedupe on
 * the event id), and two replicas relaying at once do the same; a broker outage only
 * delays.
 * <p>
 * Ordering per aggregate: a document's events are sent in array order with the same key,
 * so they land in one partition in order (the producer is idempotent); an event is
 * removed only with every event before it in its document, so a failed event is retried
 * before the ones behind it are considered sent.
 * <p>
 * An event the broker refuses for a reason that retrying cannot fix (too large, an
 * invalid topic, not authorised, a serialisation error) counts an attempt; after
 * {@value #MAX_ATTEMPTS} it is parked in {@value #PARKED} with its error, logged with its
 * id and type, counted, and the events behind it flow on. A broker that is down or slow
 * never counts an attempt, so an outage never parks anything.
 */
public class OutboxRelay {

	/** Where events that cannot be published wait for a person. */
	public static final String PARKED = "outbox_parked";

	static final int BATCH_DOCUMENTS = 5000;

	static final int MAX_ATTEMPTS = 3;

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private final MongoOperations mongo;

	private final KafkaTemplate<String, String> kafka;

	private final List<String> collections;

	private final Duration sendTimeout;

	private final OutboxMetrics metrics;

	private volatile boolean fullBatch;

	private volatile Runnable nudged = () -> {
	};

	public OutboxRelay(MongoOperations mongo, KafkaTemplate<String, String> kafka, List<String> collections,
			Duration sendTimeout) {
		this(mongo, kafka, collections, sendTimeout, OutboxMetrics.NONE);
	}

	public OutboxRelay(MongoOperations mongo, KafkaTemplate<String, String> kafka, List<String> collections,
			Duration sendTimeout, OutboxMetrics metrics) {
		this.mongo = mongo;
		this.kafka = kafka;
		this.collections = List.copyOf(collections);
		this.sendTimeout = sendTimeout;
		this.metrics = metrics;
	}

	public List<String> collections() {
		return this.collections;
	}

	/**
	 * An event was just queued here: relay soon, even if the relay had backed off while
	 * idle. Cheap; call it after any write that adds to an outbox.
	 */
	public void nudge() {
		this.nudged.run();
	}

	/** What {@link #nudge()} does: the schedule's. */
	public void onNudge(Runnable action) {
		this.nudged = action;
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

	/** Relays a batch of what is pending now; returns how many events were published. */
	public int relayPending() {
		int published = 0;
		boolean full = false;
		for (String collection : this.collections) {
			Batch batch = relay(collection);
			published += batch.published();
			full |= batch.documents() == BATCH_DOCUMENTS;
		}
		this.fullBatch = full;
		return published;
	}

	/** Whether the last pass read a full batch of documents (more may be waiting). */
	public boolean hadFullBatch() {
		return this.fullBatch;
	}

	record Batch(int documents, int published) {
	}

	/**
	 * One batch of {@code collection}: send all, await all, remove the sent in one write.
	 */
	Batch relay(String collection) {
		Query pending = Query.query(Criteria.where(OutboxEvent.FIELD + ".eventId").exists(true)).limit(BATCH_DOCUMENTS);
		pending.fields().include(OutboxEvent.FIELD);
		List<Document> documents = this.mongo.find(pending, Document.class, collection);
		if (documents.isEmpty()) {
			return new Batch(0, 0);
		}
		Map<Object, List<Sent>> sent = new LinkedHashMap<>();
		for (Document document : documents) {
			List<Sent> events = new ArrayList<>();
			for (Document event : document.getList(OutboxEvent.FIELD, Document.class, List.of())) {
				CompletableFuture<SendResult<String, String>> ack = send(event);
				events.add(new Sent(event, ack));
				if (unreachable(ack)) {
					// The producer waited for the broker and gave up: the rest of the
					// batch
					// would wait as long each. Try again next pass.
					sent.put(document.get("_id"), events);
					return settle(collection, documents.size(), sent);
				}
			}
			sent.put(document.get("_id"), events);
		}
		return settle(collection, documents.size(), sent);
	}

	/**
	 * Awaits the acks of a pass and removes the acknowledged events in one bulk write.
	 */
	private Batch settle(String collection, int documentCount, Map<Object, List<Sent>> sent) {
		long deadline = System.nanoTime() + this.sendTimeout.toNanos();
		BulkOperations removals = this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
		int published = 0;
		for (Map.Entry<Object, List<Sent>> document : sent.entrySet()) {
			List<String> acknowledged = new ArrayList<>();
			boolean blocked = false;
			for (Sent event : document.getValue()) {
				Failure failure = await(event.ack(), deadline);
				if (failure == null && !blocked) {
					acknowledged.add(event.eventId());
					continue;
				}
				if (failure != null) {
					blocked |= !failed(collection, document.getKey(), event, failure);
				}
			}
			if (!acknowledged.isEmpty()) {
				removals.updateOne(Query.query(Criteria.where("_id").is(document.getKey())), new Update()
					.pull(OutboxEvent.FIELD, new Document("eventId", new Document("$in", acknowledged))));
				published += acknowledged.size();
			}
		}
		if (published > 0) {
			removals.execute();
		}
		this.metrics.published(collection, published);
		return new Batch(documentCount, published);
	}

	/** A send that already failed because the broker could not be reached in time. */
	private static boolean unreachable(CompletableFuture<SendResult<String, String>> ack) {
		if (!ack.isCompletedExceptionally()) {
			return false;
		}
		Failure failure = await(ack, System.nanoTime());
		return failure != null && failure.transientFailure();
	}

	private CompletableFuture<SendResult<String, String>> send(Document event) {
		ProducerRecord<String, String> record = new ProducerRecord<>(event.getString("topic"), event.getString("key"),
				event.getString("value"));
		String requestId = event.getString("requestId");
		if (requestId != null) {
			record.headers().add(RequestIds.HEADER, requestId.getBytes(StandardCharsets.UTF_8));
		}
		Document headers = event.get("headers", Document.class);
		if (headers != null) {
			headers.forEach((name, value) -> record.headers()
				.add(name, String.valueOf(value).getBytes(StandardCharsets.UTF_8)));
		}
		try {
			return this.kafka.send(record);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private static Failure await(CompletableFuture<SendResult<String, String>> ack, long deadline) {
		try {
			ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Failure(ex, true);
		}
		catch (TimeoutException ex) {
			return new Failure(ex, true);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			return new Failure(cause, isTransient(cause));
		}
	}

	/**
	 * The broker is away or slow: try again later without counting it against the event.
	 */
	private static boolean isTransient(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RetriableException || cause instanceof TimeoutException
					|| cause instanceof org.apache.kafka.common.errors.TimeoutException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Counts an attempt for a lasting failure, and parks the event at the limit. Returns
	 * true when the event left the outbox (parked), so the events behind it may go.
	 */
	private boolean failed(String collection, Object documentId, Sent event, Failure failure) {
		if (failure.transientFailure()) {
			log.debug("Outbox event {} not published yet: {}", event.eventId(), failure.cause().toString());
			return false;
		}
		int attempts = event.document().getInteger("attempts", 0) + 1;
		if (attempts < MAX_ATTEMPTS) {
			this.mongo.updateFirst(Query
				.query(Criteria.where("_id").is(documentId).and(OutboxEvent.FIELD + ".eventId").is(event.eventId())),
					new Update().set(OutboxEvent.FIELD + ".$.attempts", attempts), collection);
			log.warn("Outbox event {} ({}) refused by the broker, attempt {} of {}: {}", event.eventId(), event.type(),
					attempts, MAX_ATTEMPTS, describe(failure.cause()));
			return false;
		}
		Document parked = new Document(event.document()).append("_id", event.eventId())
			.append("collection", collection)
			.append("documentId", documentId)
			.append("attempts", attempts)
			.append("error", describe(failure.cause()))
			.append("parkedAt", Date.from(Instant.now()));
		parked.remove("eventId");
		this.mongo.getCollection(PARKED)
			.replaceOne(new Document("_id", event.eventId()), parked,
					new com.mongodb.client.model.ReplaceOptions().upsert(true));
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(documentId)),
				new Update().pull(OutboxEvent.FIELD, new Document("eventId", event.eventId())), collection);
		this.metrics.parked(collection);
		log.error("Outbox event {} ({}) parked in {} after {} refusals: {}", event.eventId(), event.type(), PARKED,
				attempts, describe(failure.cause()));
		return true;
	}

	/**
	 * The failure and its causes, outermost first: "KafkaException: Send failed;
	 * RecordTooLarge…".
	 */
	private static String describe(Throwable failure) {
		StringBuilder text = new StringBuilder();
		for (Throwable cause = failure; cause != null && text.length() < 1000; cause = cause.getCause()) {
			if (!text.isEmpty()) {
				text.append("; caused by ");
			}
			text.append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
		}
		return text.toString();
	}

	/** An event sent in this pass, with its pending acknowledgement. */
	private record Sent(Document document, CompletableFuture<SendResult<String, String>> ack) {

		String eventId() {
			return this.document.getString("eventId");
		}

		/** The envelope's type, for the log line (the value holds {@code "type":"…"}). */
		String type() {
			String value = this.document.getString("value");
			if (value == null) {
				return "?";
			}
			int at = value.indexOf("\"type\":\"");
			int end = (at < 0) ? -1 : value.indexOf('"', at + 8);
			return (end < 0) ? "?" : value.substring(at + 8, end);
		}

	}

	private record Failure(Throwable cause, boolean transientFailure) {
	}

}
