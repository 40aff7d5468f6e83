package io.leadwire.apikey.key;

import java.util.List;

import io.leadwire.common.context.Environment;
import io.leadwire.common.event.EventEnvelope;
import io.leadwire.common.outbox.OutboxEvent;
import tools.jackson.databind.ObjectMapper;

/**
 * Facts about keys on {@code apikeys.events}. Each names the secret hashes it concerns,
 * which is what gateways evict from their caches.
 */
final class ApiKeyEvents {

	static final String TOPIC = "apikeys.events";

	private ApiKeyEvents() {
	}

	static OutboxEvent created(ApiKey key, String requestId, ObjectMapper json) {
		return event("ApiKeyCreated", key, List.of(key.hash()), requestId, json);
	}

	/** Names the secret and every replaced one still in its grace period. */
	static OutboxEvent revoked(ApiKey key, String requestId, ObjectMapper json) {
		List<String> hashes = new java.util.ArrayList<>(List.of(key.hash()));
		if (key.previousSecrets() != null) {
			key.previousSecrets().forEach((previous) -> hashes.add(previous.hash()));
		}
		return event("ApiKeyRevoked", key, hashes, requestId, json);
	}

	/**
	 * Names the replaced secret (now refused, or valid until its grace ends: gateways ask
	 * again) and any older one whose grace this regeneration ended.
	 */
	static OutboxEvent regenerated(ApiKey key, List<String> hashes, String requestId, ObjectMapper json) {
		return event("ApiKeyRegenerated", key, hashes, requestId, json);
	}

	/** The replaced secrets whose grace period was ended early. */
	static OutboxEvent graceEnded(ApiKey key, List<String> hashes, String requestId, ObjectMapper json) {
		return event("ApiKeyGraceEnded", key, hashes, requestId, json);
	}

	private static OutboxEvent event(String type, ApiKey key, List<String> hashes, String requestId,
			ObjectMapper json) {
		Payload payload = new Payload(key.id(), key.environment(), key.keyPrefix(), hashes);
		EventEnvelope<Payload> envelope = EventEnvelope.of(type, key.tenantId(), key.environment(), requestId, payload);
		return OutboxEvent.of(TOPIC, Long.toString(key.id()), envelope, json);
	}

	record Payload(long keyId, Environment environment, String keyPrefix, List<String> hashes) {
	}

}
