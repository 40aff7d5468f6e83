package io.leadwire.common.event;

import java.time.Instant;

import io.leadwire.common.context.Environment;
import io.leadwire.common.id.RandomUuids;

/**
 * The envelope of every Kafka event (ARCHITECTURE.md "Events"). Consumers dedupe on
 * {@code eventId} and read {@code payload} into their own record.
 */
public record EventEnvelope<T>(String eventId, String type, Instant occurredAt, Long tenantId, Environment environment,
		String requestId, T payload) {

	public static <T> EventEnvelope<T> of(String type, Long tenantId, Environment environment, String requestId,
			T payload) {
		return new EventEnvelope<>(RandomUuids.next(), type, Instant.now(), tenantId, environment, requestId, payload);
	}

}
