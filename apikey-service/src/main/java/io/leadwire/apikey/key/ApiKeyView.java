package io.leadwire.apikey.key;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

import io.leadwire.apikey.tenant.Limits;
import io.leadwire.common.apikey.ApiKeyScopes;
import io.leadwire.common.context.Environment;

/**
 * A key as the API shows it: the effective limits, its scopes ({@code ["*"]}:
 * everything), the replaced secrets still valid in a rotation's grace period
 * ({@code previousKeys}: their display prefix and when each stops working), and the
 * secret only when just made.
 */
record ApiKeyView(long id, String name, String keyPrefix, Environment environment, List<String> scopes,
		int rateLimitPerMinute, int rateLimitPerDay, Instant lastUsedAt, Instant expiresAt, boolean isActive,
		Instant revokedAt, Instant createdAt, List<PreviousKey> previousKeys,
		@JsonInclude(Include.NON_NULL) String key) {

	static ApiKeyView of(ApiKey key, Limits plan, String secret) {
		Instant now = Instant.now();
		return new ApiKeyView(key.id(), key.name(), key.keyPrefix(), key.environment(),
				(key.scopes() != null) ? key.scopes() : List.of(ApiKeyScopes.ALL),
				(key.rateLimitPerMinute() != null) ? key.rateLimitPerMinute() : plan.perMinute(),
				(key.rateLimitPerDay() != null) ? key.rateLimitPerDay() : plan.perDay(), key.lastUsedAt(),
				key.expiresAt(), key.statusAt(now) == ApiKey.Status.ACTIVE, key.revokedAt(), key.createdAt(),
				key.previousSecretsAt(now)
					.stream()
					.map((previous) -> new PreviousKey(previous.keyPrefix(), previous.validUntil()))
					.toList(),
				secret);
	}

	/** A replaced secret that still works until {@code validUntil}. */
	record PreviousKey(String keyPrefix, Instant validUntil) {
	}

}
