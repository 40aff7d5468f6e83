package io.leadwire.common.event;

import java.time.Instant;
import java.util.UUID;

import io.leadwire.common.context.Environment;

/**
 * The envelope of every Kafka event (ARCHITECTURE.md "Events"). Consumers dedupe on
 * {@code eventId} and read {@code payload} into their own record.
 */
public record EventEnvelope<T>(String eventId, String type, Instant occurredAt, Long tenantId, Environment environment,
		String requestId, T payload) {

	public static <T> EventEnvelope<T> of(String type, Long tenantId, Environment environment, String requestId,
			T payload) {
		return new EventEnvelope<>(UUID.randomUUID().toString(), type, Instant.now(), tenantId, environment, requestId,
				payload);
	}

}
