package io.leadwire.common.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.kafka.core.KafkaTemplate;

import io.leadwire.common.outbox.MicrometerOutboxMetrics;
import io.leadwire.common.outbox.OutboxMetrics;
import io.leadwire.common.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Runs the outbox relay for the collections a service names in
 * {@code leadwire.outbox.collections}.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
		"org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration" })
@ConditionalOnClass({ MongoOperations.class, KafkaTemplate.class })
@ConditionalOnProperty("leadwire.outbox.collections")
public class LeadwireOutboxAutoConfiguration {

	@Bean
	@ConditionalOnBean({ MongoOperations.class, KafkaTemplate.class })
	@SuppressWarnings("unchecked")
	OutboxRelay outboxRelay(MongoOperations mongo, KafkaTemplate<?, ?> kafka,
			@Value("${leadwire.outbox.collections}") List<String> collections, ObjectProvider<MeterRegistry> registry) {
		MeterRegistry meters = registry.getIfAvailable();
		OutboxMetrics metrics = (meters != null) ? new MicrometerOutboxMetrics(meters, mongo, collections)
				: OutboxMetrics.NONE;
		return new OutboxRelay(mongo, (KafkaTemplate<String, String>) kafka, collections, Duration.ofSeconds(10),
				metrics);
	}

	@Bean
	@ConditionalOnBean(OutboxRelay.class)
	OutboxRelaySchedule outboxRelaySchedule(OutboxRelay relay,
			@Value("${leadwire.outbox.interval:200ms}") Duration interval,
			@Value("${leadwire.outbox.idle-interval:1s}") Duration idleInterval) {
		return new OutboxRelaySchedule(relay, interval, idleInterval);
	}

	/**
	 * Polls the outbox on one thread while the application runs: every {@code interval}
	 * while events flow, backing off (doubling) to {@code idleInterval} while passes find
	 * nothing, so an idle service does not query its collections five times a second; a
	 * write that queues an event calls {@link OutboxRelay#nudge()} for a pass at once.
	 */
	static final class OutboxRelaySchedule implements SmartLifecycle {

		private static final Logger log = LoggerFactory.getLogger(OutboxRelaySchedule.class);

		private final OutboxRelay relay;

		private final Duration interval;

		private final Duration idleInterval;

		private volatile ScheduledExecutorService scheduler;

		private long delayMillis;

		private java.util.concurrent.ScheduledFuture<?> next;

		OutboxRelaySchedule(OutboxRelay relay, Duration interval, Duration idleInterval) {
			this.relay = relay;
			this.interval = interval;
			this.idleInterval = (idleInterval.compareTo(interval) < 0) ? interval : idleInterval;
			this.delayMillis = interval.toMillis();
		}

		@Override
		public void start() {
			this.relay.createIndexes();
			this.scheduler = Executors
				.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("outbox-relay").factory());
			this.relay.onNudge(this::nudged);
			schedule(this.interval.toMillis());
		}

		private synchronized void schedule(long delay) {
			ScheduledExecutorService executor = this.scheduler;
			if (executor != null && !executor.isShutdown()) {
				this.next = executor.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
			}
		}

		/** An event was just queued: a pass now, unless one is due sooner anyway. */
		private synchronized void nudged() {
			if (this.next != null && this.next.getDelay(TimeUnit.MILLISECONDS) > this.interval.toMillis()
					&& this.next.cancel(false)) {
				this.delayMillis = this.interval.toMillis();
				schedule(0);
			}
		}

		private void tick() {
			boolean published = relayQuietly();
			synchronized (this) {
				this.delayMillis = published ? this.interval.toMillis()
						: Math.min(this.idleInterval.toMillis(), this.delayMillis * 2);
				schedule(this.delayMillis);
			}
		}

		/**
		 * A pass; passes follow at once while there is a backlog (a full batch was sent).
		 * @return whether anything was published
		 */
		private boolean relayQuietly() {
			try {
				int published = this.relay.relayPending();
				boolean any = published > 0;
				for (int pass = 0; pass < 100 && published > 0 && this.relay.hadFullBatch(); pass++) {
					published = this.relay.relayPending();
				}
				return any;
			}
			catch (RuntimeException ex) {
				log.warn("Outbox relay pass failed: {}", ex.toString());
				return false;
			}
		}

		@Override
		public void stop() {
			if (this.scheduler != null) {
				this.scheduler.shutdown();
				try {
					this.scheduler.awaitTermination(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

		@Override
		public boolean isRunning() {
			return this.scheduler != null && !this.scheduler.isShutdown();
		}

	}

}
