package io.leadwire.common.outbox;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.leadwire.common.event.EventEnvelope;
import io.leadwire.common.event.EventHeaders;
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
 * @param headers record headers beside the request id (null: none), so that a consumer
 * can pass over what it does not need without parsing the value
 */
public record OutboxEvent(String eventId, String topic, String key, String requestId, String value, Instant createdAt,
		Map<String, String> headers) {

	public static final String FIELD = "outbox";

	public static OutboxEvent of(String topic, String key, EventEnvelope<?> envelope, ObjectMapper json) {
		return new OutboxEvent(envelope.eventId(), topic, key, envelope.requestId(), json.writeValueAsString(envelope),
				envelope.occurredAt(), EventHeaders.of(envelope));
	}

	/**
	 * The event as it is stored in an outbox array — the fields Spring Data's converter
	 * writes for it (no nulls; the time as a date) — for a store that writes its update
	 * with the driver's own documents.
	 */
	public org.bson.Document toDocument() {
		org.bson.Document document = new org.bson.Document();
		put(document, "eventId", this.eventId);
		put(document, "topic", this.topic);
		put(document, "key", this.key);
		put(document, "requestId", this.requestId);
		put(document, "value", this.value);
		put(document, "createdAt", (this.createdAt != null) ? java.util.Date.from(this.createdAt) : null);
		put(document, "headers", (this.headers != null) ? new org.bson.Document(this.headers) : null);
		return document;
	}

	private static void put(org.bson.Document document, String name, Object value) {
		if (value != null) {
			document.append(name, value);
		}
	}

	/** This event with one more record header. */
	public OutboxEvent withHeader(String name, String value) {
		Map<String, String> all = new LinkedHashMap<>((this.headers != null) ? this.headers : Map.of());
		all.put(name, value);
		return new OutboxEvent(this.eventId, this.topic, this.key, this.requestId, this.value, this.createdAt,
				Map.copyOf(all));
	}

}
