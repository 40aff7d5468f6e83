package io.leadwire.common.outbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.data.mongodb.core.MongoOperations;

/**
 * The relay's metrics: {@code leadwire.outbox.published} and
 * {@code leadwire.outbox.parked} counters, and {@code leadwire.outbox.pending} /
 * {@code leadwire.outbox.oldest.age} gauges per collection, read from the store at most
 * every 5 s (a scrape never runs the aggregation more often).
 */
public final class MicrometerOutboxMetrics implements OutboxMetrics {

	private static final long REFRESH_NANOS = 5_000_000_000L;

	private final MeterRegistry registry;

	private final Map<String, Counter> published = new ConcurrentHashMap<>();

	private final Map<String, Counter> parked = new ConcurrentHashMap<>();

	public MicrometerOutboxMetrics(MeterRegistry registry, MongoOperations mongo, Iterable<String> collections) {
		this.registry = registry;
		for (String collection : collections) {
			Backlog backlog = new Backlog(mongo, collection);
			Gauge.builder("leadwire.outbox.pending", backlog, (b) -> b.read().pending())
				.description("Events waiting in the collection's outboxes")
				.tag("collection", collection)
				.register(registry);
			Gauge.builder("leadwire.outbox.oldest.age", backlog, (b) -> b.read().oldestAge().toMillis() / 1000.0)
				.description("Seconds the oldest waiting event has waited")
				.baseUnit("seconds")
				.tag("collection", collection)
				.register(registry);
		}
	}

	@Override
	public void published(String collection, int events) {
		this.published.computeIfAbsent(collection, (name) -> {
			// Parked from the first publish on (at zero): a dashboard's rate of it is 0,
			// not
			// "no data", until something parks.
			parkedCounter(name);
			return Counter.builder("leadwire.outbox.published").tag("collection", name).register(this.registry);
		}).increment(events);
	}

	@Override
	public void parked(String collection) {
		parkedCounter(collection).increment();
	}

	private Counter parkedCounter(String collection) {
		return this.parked.computeIfAbsent(collection,
				(name) -> Counter.builder("leadwire.outbox.parked").tag("collection", name).register(this.registry));
	}

	/** The last backlog read, read again when older than 5 s. */
	private static final class Backlog {

		private final MongoOperations mongo;

		private final String collection;

		private volatile OutboxBacklog value = new OutboxBacklog(0, java.time.Duration.ZERO);

		private volatile long readAt = System.nanoTime() - 2 * REFRESH_NANOS;

		Backlog(MongoOperations mongo, String collection) {
			this.mongo = mongo;
			this.collection = collection;
		}

		OutboxBacklog read() {
			if (System.nanoTime() - this.readAt > REFRESH_NANOS) {
				try {
					this.value = OutboxBacklog.of(this.mongo, this.collection);
				}
				catch (RuntimeException ex) {
					// Keep the last value: a metric never fails a scrape.
				}
				this.readAt = System.nanoTime();
			}
			return this.value;
		}

	}

}
