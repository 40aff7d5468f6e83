package io.leadwire.gateway.auth;

import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.listener.ConsumerSeekAware;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Evicts revoked and regenerated keys from this replica's cache as soon as apikey-service
 * announces them, so every replica refuses them within moments rather than at cache
 * expiry; likewise reloads the plan table when a plan or a tenant's own limits change,
 * and forgets cached plans when a tenant changes plan. The replica is not ready (this
 * health indicator, in the readiness group) until its consumer has its partitions: before
 * that it would miss a revocation and honour the key until its cache entry expired.
 */
@Component("revocations")
class KeyRevocationListener implements ConsumerSeekAware, HealthIndicator {

	private volatile boolean assigned;

	private static final Logger log = LoggerFactory.getLogger(KeyRevocationListener.class);

	private static final Set<String> EVICTING = Set.of("ApiKeyRevoked", "ApiKeyRegenerated", "ApiKeyGraceEnded");

	private static final Set<String> PLAN_TABLE = Set.of("PlanChanged", "TenantLimitsChanged");

	private final KeyVerifier verifier;

	private final IdentityResolver identities;

	private final JwtAuthenticator jwts;

	private final ApplicationEventPublisher events;

	private final ObjectMapper json;

	KeyRevocationListener(KeyVerifier verifier, IdentityResolver identities, JwtAuthenticator jwts,
			ApplicationEventPublisher events, ObjectMapper json) {
		this.verifier = verifier;
		this.identities = identities;
		this.jwts = jwts;
		this.events = events;
		this.json = json;
	}

	@Override
	public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
		this.assigned = true;
	}

	@Override
	public Health health() {
		return this.assigned ? Health.up().build()
				: Health.down().withDetail("reason", "revocation events not assigned yet").build();
	}

	@KafkaListener(topics = "apikeys.events")
	void on(String value) {
		JsonNode event = this.json.readTree(value);
		String type = event.path("type").asString("");
		if (PLAN_TABLE.contains(type)) {
			this.events.publishEvent(new PlansChanged(type));
			return;
		}
		if (type.equals("TenantPlanChanged")) {
			// Keys and identities carry their tenant's plan: ask again (a rare change).
			this.verifier.evictAll();
			this.identities.evictAll();
			this.jwts.evictAll();
			return;
		}
		if (!EVICTING.contains(type)) {
			return;
		}
		for (JsonNode hash : event.path("payload").path("hashes")) {
			this.verifier.evict(hash.asString());
		}
		log.debug("Evicted key {} after {}", event.path("payload").path("keyId"), event.path("type"));
	}

}
