package io.leadwire.webhooks.endpoint;

import java.time.Instant;
import java.util.List;

import io.leadwire.common.context.Environment;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.outbox.OutboxEvent;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A tenant's webhook endpoint: where events go ({@code url}), which ones
 * ({@code eventTypes}; none: all), whether it is enabled (and, when the platform disabled
 * it, why), and its signing secrets, sealed: the current one ({@code expiresAt} null)
 * and, after a rotation, the previous one until its {@code expiresAt}.
 * {@code failingSince}: when its deliveries started failing, none having succeeded since
 * (null while healthy). {@code version} counts its changes; every update is conditioned
 * on it.
 */
@Document("webhook_endpoints")
public record Endpoint(@Id long id, long tenantId, Environment environment, String url, String description,
		List<String> eventTypes, boolean enabled, String disabledReason, Instant disabledAt, List<Secret> secrets,
		Instant failingSince, long version, Instant createdAt, Instant updatedAt, List<OutboxEvent> outbox) {

	/** A signing secret, sealed ({@code SecretBox}); {@code expiresAt} null: current. */
	public record Secret(String sealed, Instant createdAt, Instant expiresAt) {

		boolean signsAt(Instant now) {
			return this.expiresAt == null || this.expiresAt.isAfter(now);
		}

	}

	public TenantScope scope() {
		return new TenantScope(this.tenantId, this.environment);
	}

	/** The secrets that sign a delivery made at {@code now}: the current one first. */
	public List<Secret> signingSecrets(Instant now) {
		return this.secrets.stream()
			.filter((secret) -> secret.signsAt(now))
			.sorted(java.util.Comparator.comparing((Secret secret) -> secret.expiresAt() != null))
			.toList();
	}

}
