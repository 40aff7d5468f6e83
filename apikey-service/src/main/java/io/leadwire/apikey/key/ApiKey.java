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
 * must answer "revoked" rather than "unknown".
 */
@Document("api_keys")
@CompoundIndexes({ @CompoundIndex(name = "tenant_created", def = "{'tenantId': 1, 'createdAt': -1}"),
		@CompoundIndex(name = "retired_hashes", def = "{'retiredHashes': 1}") })
public record ApiKey(@Id long id, long tenantId, long ownerUserId, String name, Environment environment,
		@Indexed(unique = true) String hash, String keyPrefix, Integer rateLimitPerMinute, Integer rateLimitPerDay,
		Instant expiresAt, Instant revokedAt, boolean platformAdmin, Instant createdAt, Instant lastUsedAt,
		List<String> retiredHashes, List<OutboxEvent> outbox) {

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
