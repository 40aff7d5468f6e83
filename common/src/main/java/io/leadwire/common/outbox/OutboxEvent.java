package io.leadwire.common.outbox;

import java.time.Instant;

import io.leadwire.common.event.EventEnvelope;
import tools.jackson.databind.ObjectMapper;

/**
 * An event waiting in its aggregate's {@code outbox} array. It is written in the same
 * document update as the business change (one document: atomic without transactions) and
 * removed by the {@link OutboxRelay} once the broker has it.
 *
 * @param eventId the envelope's id, which consumers dedupe on
 * @param topic where it goes
 * @param key the record key (the aggregate id)
 * @param requestId for the record's header
 * @param value the envelope as JSON
 * @param createdAt when it was written
 */
public record OutboxEvent(String eventId, String topic, String key, String requestId, String value, Instant createdAt) {

	public static final String FIELD = "outbox";

	public static OutboxEvent of(String topic, String key, EventEnvelope<?> envelope, ObjectMapper json) {
		return new OutboxEvent(envelope.eventId(), topic, key, envelope.requestId(), json.writeValueAsString(envelope),
				envelope.occurredAt());
	}

}
