package io.leadwire.gateway.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.leadwire.common.event.EventEnvelope;
import io.leadwire.common.kafka.EventPublisher;

/**
 * Keeps each key's latest use in memory and sends them as one {@code KeysUsed} event
 * every few seconds, so {@code lastUsedAt} costs no database write per request. On the
 * request path it is one map update.
 */
@Component
public class KeyUsageRecorder implements SmartLifecycle {

	static final String TOPIC = "usage.events";

	private static final Logger log = LoggerFactory.getLogger(KeyUsageRecorder.class);

	private final Map<Long, Long> lastUse = new ConcurrentHashMap<>();

	private final EventPublisher publisher;

	private final Duration interval;

	private ScheduledExecutorService flusher;

	KeyUsageRecorder(EventPublisher publisher,
			@Value("${leadwire.gateway.usage-flush-interval:5s}") Duration interval) {
		this.publisher = publisher;
		this.interval = interval;
	}

	public void record(Long keyId) {
		if (keyId != null) {
			this.lastUse.put(keyId, System.currentTimeMillis());
		}
	}

	void flush() {
		if (this.lastUse.isEmpty()) {
			return;
		}
		List<KeyUse> uses = new ArrayList<>();
		for (Long keyId : List.copyOf(this.lastUse.keySet())) {
			Long at = this.lastUse.remove(keyId);
			if (at != null) {
				uses.add(new KeyUse(keyId, Instant.ofEpochMilli(at)));
			}
		}
		EventEnvelope<KeysUsed> event = EventEnvelope.of("KeysUsed", null, null, null, new KeysUsed(uses));
		this.publisher.publish(TOPIC, null, event).whenComplete((result, ex) -> {
			if (ex != null) {
				log.warn("Key usage not published ({} keys): {}", uses.size(), ex.toString());
			}
		});
	}

	@Override
	public void start() {
		this.flusher = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("key-usage").daemon().factory());
		this.flusher.scheduleWithFixedDelay(this::flushQuietly, this.interval.toMillis(), this.interval.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	private void flushQuietly() {
		try {
			flush();
		}
		catch (RuntimeException ex) {
			log.warn("Key usage flush failed: {}", ex.toString());
		}
	}

	@Override
	public void stop() {
		if (this.flusher != null) {
			this.flusher.shutdown();
			flushQuietly();
		}
	}

	@Override
	public boolean isRunning() {
		return this.flusher != null && !this.flusher.isShutdown();
	}

	record KeyUse(long keyId, Instant lastUsedAt) {
	}

	record KeysUsed(List<KeyUse> keys) {
	}

}
