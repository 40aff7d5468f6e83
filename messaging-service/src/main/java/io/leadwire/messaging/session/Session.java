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
 * name it); {@code wabaId} and {@code phoneNumberId} are a Cloud session's Meta ids;
 * {@code webhookSecret} is sealed (SecretBox) and never returned. Its sends are paced at
 * {@code ratePerMinute} by its send lane ({@code lastSentAt} is no longer written: older
 * documents may carry it). {@code revision} counts its changes (events carry it, so a
 * reader keeps the newest); a deleted session stays, with {@code deletedAt}, until its
 * {@code SessionDeleted} is out.
 */
@Document("sessions")
@CompoundIndexes({ @CompoundIndex(name = "provider_session", def = "{'providerSession': 1}", unique = true),
		@CompoundIndex(name = "scope_id", def = "{'tenantId': 1, 'environment': 1, '_id': -1}") })
public record Session(@Id long id, long tenantId, Environment environment, String name, String provider,
		String providerSession, String status, String phone, String wabaId, String phoneNumberId, String webhookSecret,
		int ratePerMinute, Instant lastSentAt, Instant createdAt, Instant updatedAt, long revision, Instant deletedAt,
		java.util.List<io.leadwire.common.outbox.OutboxEvent> outbox) {

	public TenantScope scope() {
		return new TenantScope(this.tenantId, this.environment);
	}

	/** The least time between two sends of this session. */
	public long intervalMillis() {
		return Math.max(1, 60_000L / Math.max(1, this.ratePerMinute));
	}

}
