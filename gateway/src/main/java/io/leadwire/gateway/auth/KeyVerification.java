package io.leadwire.gateway.auth;

import java.time.Instant;

import io.leadwire.common.context.Environment;

/**
 * apikey-service's answer for a key hash (the gateway's own record of it: tolerant
 * reader).
 */
public record KeyVerification(Status status, Long keyId, Long tenantId, Long ownerUserId, Environment environment,
		String plan, Boolean platformAdmin, Integer rateLimitPerMinute, Integer rateLimitPerDay, Instant expiresAt) {

	static final KeyVerification UNKNOWN = new KeyVerification(Status.UNKNOWN, null, null, null, null, null, null, null,
			null, null);

	enum Status {

		ACTIVE, REVOKED, EXPIRED, UNKNOWN

	}

	boolean isPlatformAdmin() {
		return Boolean.TRUE.equals(this.platformAdmin);
	}

	/** Expiry moves on while the answer sits in the cache. */
	Status statusAt(Instant now) {
		if (this.status == Status.ACTIVE && this.expiresAt != null && !this.expiresAt.isAfter(now)) {
			return Status.EXPIRED;
		}
		return this.status;
	}

}
