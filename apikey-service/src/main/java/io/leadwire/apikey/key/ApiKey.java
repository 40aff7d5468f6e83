package io.leadwire.apikey.key;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import io.leadwire.common.context.Environment;

/**
 * An API key as stored: the SHA-256 of the secret and its display prefix, never the
 * secret.
 */
@Document("api_keys")
@CompoundIndex(name = "tenant_environment", def = "{'tenantId': 1, 'environment': 1, 'createdAt': -1}")
public record ApiKey(@Id long id, long tenantId, long ownerUserId, String name, Environment environment,
		@Indexed(unique = true) String hash, String keyPrefix, Integer rateLimitPerMinute, Integer rateLimitPerDay,
		Instant expiresAt, Instant revokedAt, boolean platformAdmin, Instant createdAt, Instant lastUsedAt) {

	public Status statusAt(Instant now) {
		if (this.revokedAt != null) {
			return Status.REVOKED;
		}
		if (this.expiresAt != null && !this.expiresAt.isAfter(now)) {
			return Status.EXPIRED;
		}
		return Status.ACTIVE;
	}

	public enum Status {

		ACTIVE, REVOKED, EXPIRED, UNKNOWN

	}

}
