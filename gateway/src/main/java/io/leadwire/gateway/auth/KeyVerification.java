package io.leadwire.gateway.auth;

import java.time.Instant;
import java.util.Set;

import io.leadwire.common.context.Environment;

/**
 * apikey-service's answer for a key hash (the gateway's own record of it: tolerant
 * reader). {@code scopes}: what the key may do ({@code null}: everything);
 * {@code graceEndsAt}: for a secret replaced by regeneration, when its grace period ends.
 */
public record KeyVerification(Status status, Long keyId, Long tenantId, Long ownerUserId, Environment environment,
		String plan, Boolean platformAdmin, Integer rateLimitPerMinute, Integer rateLimitPerDay, Instant expiresAt,
		Set<String> scopes, Instant graceEndsAt) {

	static final KeyVerification UNKNOWN = new KeyVerification(Status.UNKNOWN, null, null, null, null, null, null, null,
			null, null, null, null);

	enum Status {

		ACTIVE, REVOKED, EXPIRED, UNKNOWN

	}

	boolean isPlatformAdmin() {
		return Boolean.TRUE.equals(this.platformAdmin);
	}

	/**
	 * Expiry and a grace period's end move on while the answer sits in the cache: a
	 * replaced secret is refused (as revoked) the moment its grace ends.
	 */
	Status statusAt(Instant now) {
		if (this.status == Status.ACTIVE && this.graceEndsAt != null && !this.graceEndsAt.isAfter(now)) {
			return Status.REVOKED;
		}
		if (this.status == Status.ACTIVE && this.expiresAt != null && !this.expiresAt.isAfter(now)) {
			return Status.EXPIRED;
		}
		return this.status;
	}

}
