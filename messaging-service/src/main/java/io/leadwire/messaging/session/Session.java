package io.leadwire.messaging.session;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

import io.leadwire.common.context.Environment;
import io.leadwire.common.context.TenantScope;

/**
 * A connected WhatsApp number of one tenant, backed by a provider.
 * {@code providerSession} is its name at the provider ({@code lw-<id>}, unique: webhooks
 * name it); {@code webhookSecret} is sealed (SecretBox) and never returned.
 * {@code lastSentAt} paces its sends across every replica ({@code ratePerMinute}).
 */
@Document("sessions")
@CompoundIndexes({ @CompoundIndex(name = "provider_session", def = "{'providerSession': 1}", unique = true),
		@CompoundIndex(name = "scope_id", def = "{'tenantId': 1, 'environment': 1, '_id': -1}") })
public record Session(@Id long id, long tenantId, Environment environment, String name, String provider,
		String providerSession, String status, String phone, String webhookSecret, int ratePerMinute,
		Instant lastSentAt, Instant createdAt, Instant updatedAt) {

	public TenantScope scope() {
		return new TenantScope(this.tenantId, this.environment);
	}

	/** The least time between two sends of this session. */
	public long intervalMillis() {
		return Math.max(1, 60_000L / Math.max(1, this.ratePerMinute));
	}

}
