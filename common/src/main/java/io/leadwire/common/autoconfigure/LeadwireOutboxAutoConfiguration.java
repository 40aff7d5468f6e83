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
			@Value("${leadwire.outbox.interval:200ms}") Duration interval) {
		return new OutboxRelaySchedule(relay, interval);
	}

	/** Polls the outbox on one thread while the application runs. */
	static final class OutboxRelaySchedule implements SmartLifecycle {

		private static final Logger log = LoggerFactory.getLogger(OutboxRelaySchedule.class);

		private final OutboxRelay relay;

		private final Duration interval;

		private ScheduledExecutorService scheduler;

		OutboxRelaySchedule(OutboxRelay relay, Duration interval) {
			this.relay = relay;
			this.interval = interval;
		}

		@Override
		public void start() {
			this.relay.createIndexes();
			this.scheduler = Executors
				.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("outbox-relay").factory());
			this.scheduler.scheduleWithFixedDelay(this::relayQuietly, this.interval.toMillis(),
					this.interval.toMillis(), TimeUnit.MILLISECONDS);
		}

		/**
		 * A pass; passes follow at once while there is a backlog (a full batch was sent).
		 */
		private void relayQuietly() {
			try {
				for (int pass = 0; pass < 100 && this.relay.relayPending() > 0 && this.relay.hadFullBatch(); pass++) {
					// keep going
				}
			}
			catch (RuntimeException ex) {
				log.warn("Outbox relay pass failed: {}", ex.toString());
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
