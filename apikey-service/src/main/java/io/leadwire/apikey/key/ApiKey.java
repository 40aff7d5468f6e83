package io.leadwire.apikey.key;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import io.leadwire.common.context.Environment;
import io.leadwire.common.outbox.OutboxEvent;

/**
 * An API key as stored: the SHA-256 of the secret and its display prefix, never the
 * secret. {@code retiredHashes} are the hashes of secrets replaced by regeneration, which
 * must answer "revoked" rather than "unknown"; {@code previousSecrets} those of them
 * still valid in a rotation's grace period, each until its {@code validUntil}.
 * {@code scopes}: what the key may do ({@link io.leadwire.common.apikey.ApiKeyScopes});
 * {@code null} is everything.
 */
@Document("api_keys")
@CompoundIndexes({ @CompoundIndex(name = "tenant_created", def = "{'tenantId': 1, 'createdAt': -1}"),
		@CompoundIndex(name = "retired_hashes", def = "{'retiredHashes': 1}"),
		@CompoundIndex(name = "previous_hashes", def = "{'previousSecrets.hash': 1}") })
public record ApiKey(@Id long id, long tenantId, long ownerUserId, String name, Environment environment,
		@Indexed(unique = true) String hash, String keyPrefix, Integer rateLimitPerMinute, Integer rateLimitPerDay,
		Instant expiresAt, Instant revokedAt, boolean platformAdmin, Instant createdAt, Instant lastUsedAt,
		List<String> retiredHashes, List<String> scopes, List<PreviousSecret> previousSecrets,
		List<OutboxEvent> outbox) {

	/** At most this many replaced secrets stay valid at once. */
	public static final int MAX_PREVIOUS_SECRETS = 5;

	/** The longest grace period a regeneration may give the replaced secret. */
	public static final java.time.Duration MAX_GRACE = java.time.Duration.ofDays(7);

	public Status statusAt(Instant now) {
		if (this.revokedAt != null) {
			return Status.REVOKED;
		}
		if (this.expiresAt != null && !this.expiresAt.isAfter(now)) {
			return Status.EXPIRED;
		}
		return Status.ACTIVE;
	}

	/** The previous secrets still in their grace period at {@code now}. */
	public List<PreviousSecret> previousSecretsAt(Instant now) {
		if (this.previousSecrets == null || this.revokedAt != null) {
			return List.of();
		}
		return this.previousSecrets.stream().filter((secret) -> secret.validUntil().isAfter(now)).toList();
	}

	/** A secret replaced by regeneration that still works until {@code validUntil}. */
	public record PreviousSecret(String hash, String keyPrefix, Instant validUntil) {
	}

	public enum Status {

		ACTIVE, REVOKED, EXPIRED, UNKNOWN

	}

}
