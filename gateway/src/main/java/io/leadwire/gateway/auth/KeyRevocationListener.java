package io.leadwire.gateway.auth;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Evicts revoked and regenerated keys from this replica's cache as soon as apikey-service
 * announces them, so every replica refuses them within moments rather than at cache
 * expiry.
 */
@Component
class KeyRevocationListener {

	private static final Logger log = LoggerFactory.getLogger(KeyRevocationListener.class);

	private static final Set<String> EVICTING = Set.of("ApiKeyRevoked", "ApiKeyRegenerated");

	private final KeyVerifier verifier;

	private final ObjectMapper json;

	KeyRevocationListener(KeyVerifier verifier, ObjectMapper json) {
		this.verifier = verifier;
		this.json = json;
	}

	@KafkaListener(topics = "apikeys.events")
	void on(String value) {
		JsonNode event = this.json.readTree(value);
		if (!EVICTING.contains(event.path("type").asString(""))) {
			return;
		}
		for (JsonNode hash : event.path("payload").path("hashes")) {
			this.verifier.evict(hash.asString());
		}
		log.debug("Evicted key {} after {}", event.path("payload").path("keyId"), event.path("type"));
	}

}
