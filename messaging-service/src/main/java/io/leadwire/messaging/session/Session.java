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
 * {@code SessionDeleted} is out. {@code health} is what Meta says of a Cloud number
 * (quality, messaging limit, throughput; null for other providers).
 */
@Document("sessions")
@CompoundIndexes({ @CompoundIndex(name = "provider_session", def = "{'providerSession': 1}", unique = true),
		@CompoundIndex(name = "scope_id", def = "{'tenantId': 1, 'environment': 1, '_id': -1}") })
public record Session(@Id long id, long tenantId, Environment environment, String name, String provider,
		String providerSession, String status, String phone, String wabaId, String phoneNumberId, String webhookSecret,
		int ratePerMinute, Instant lastSentAt, Instant createdAt, Instant updatedAt, long revision, Instant deletedAt,
		java.util.List<io.leadwire.common.outbox.OutboxEvent> outbox,
		io.leadwire.messaging.provider.NumberHealth health) {

	public TenantScope scope() {
		return new TenantScope(this.tenantId, this.environment);
	}

	/** This session with {@code health} (as a write will make it). */
	Session withHealth(io.leadwire.messaging.provider.NumberHealth health) {
		return new Session(this.id, this.tenantId, this.environment, this.name, this.provider, this.providerSession,
				this.status, this.phone, this.wabaId, this.phoneNumberId, this.webhookSecret, this.ratePerMinute,
				this.lastSentAt, this.createdAt, this.updatedAt, this.revision, this.deletedAt, this.outbox, health);
	}

	/** The least time between two sends of this session. */
	public long intervalMillis() {
		return Math.max(1, 60_000L / Math.max(1, pacePerMinute()));
	}

	/**
	 * The pace its sends go at: its own rate, bounded by its Cloud number's throughput
	 * tier when Meta's facts are known (80 a second; 1,000 once upgraded).
	 */
	public int pacePerMinute() {
		return (this.health == null) ? this.ratePerMinute : Math.min(this.ratePerMinute, this.health.perSecond() * 60);
	}

}
