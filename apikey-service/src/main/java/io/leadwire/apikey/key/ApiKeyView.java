package io.leadwire.apikey.key;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

import io.leadwire.apikey.tenant.Plan;
import io.leadwire.common.context.Environment;

/**
 * A key as the API shows it: the effective limits, and the secret only when just made.
 */
record ApiKeyView(long id, String name, String keyPrefix, Environment environment, int rateLimitPerMinute,
		int rateLimitPerDay, Instant lastUsedAt, Instant expiresAt, boolean isActive, Instant revokedAt,
		Instant createdAt, @JsonInclude(Include.NON_NULL) String key) {

	static ApiKeyView of(ApiKey key, Plan plan, String secret) {
		return new ApiKeyView(key.id(), key.name(), key.keyPrefix(), key.environment(),
				(key.rateLimitPerMinute() != null) ? key.rateLimitPerMinute() : plan.perMinute(),
				(key.rateLimitPerDay() != null) ? key.rateLimitPerDay() : plan.perDay(), key.lastUsedAt(),
				key.expiresAt(), key.statusAt(Instant.now()) == ApiKey.Status.ACTIVE, key.revokedAt(), key.createdAt(),
				secret);
	}

}
