package io.leadwire.apikey.key;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.apikey.tenant.Tenant;
import io.leadwire.apikey.tenant.TenantRepository;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.context.Environment;
import io.leadwire.common.context.RequestContext;

/**
 * The gateway's key lookup on a cache miss. Internal: reachable only with a system
 * context, never routed publicly. Answers for the hash of a key, so the secret never
 * travels past the gateway.
 */
@RestController
class KeyVerificationController {

	private final ApiKeyRepository keys;

	private final TenantRepository tenants;

	KeyVerificationController(ApiKeyRepository keys, TenantRepository tenants) {
		this.keys = keys;
		this.tenants = tenants;
	}

	@PostMapping("/internal/keys/verify")
	ApiResponse<Verification> verify(@Valid @RequestBody VerifyRequest request, RequestContext context) {
		context.requireScope(RequestContext.Scope.SYSTEM);
		Verification verification = this.keys.findByHash(request.hash())
			.map((key) -> describe(key, null))
			.or(() -> this.keys.findFirstByPreviousSecretsHash(request.hash())
				.map((key) -> previous(key, request.hash())))
			.or(() -> this.keys.findFirstByRetiredHashes(request.hash()).map(Verification::retired))
			.orElseGet(Verification::unknown);
		return ApiResponse.ok(verification);
	}

	private Verification describe(ApiKey key, Instant graceEndsAt) {
		String plan = this.tenants.findById(key.tenantId()).map(Tenant::plan).orElse(null);
		if (plan == null) {
			return Verification.unknown();
		}
		return new Verification(key.statusAt(Instant.now()), key.id(), key.tenantId(), key.ownerUserId(),
				key.environment(), plan, key.platformAdmin(), key.rateLimitPerMinute(), key.rateLimitPerDay(),
				key.expiresAt(), key.scopes(), graceEndsAt);
	}

	/**
	 * A replaced secret: the key itself, until its grace period ends
	 * ({@code graceEndsAt}, which the gateway holds it to while it caches the answer);
	 * revoked after.
	 */
	private Verification previous(ApiKey key, String hash) {
		return key.previousSecretsAt(Instant.now())
			.stream()
			.filter((secret) -> secret.hash().equals(hash))
			.findFirst()
			.map((secret) -> describe(key, secret.validUntil()))
			.orElseGet(() -> Verification.retired(key));
	}

	record VerifyRequest(@NotNull @Pattern(regexp = "[0-9a-f]{64}") String hash) {
	}

	/**
	 * The key's own limits (null where it has none): the gateway enforces them capped by
	 * the plan, whose limits are the gateway's configuration. {@code scopes}: what it may
	 * do ({@code null}: everything); {@code graceEndsAt}: for a replaced secret in its
	 * grace period, when it stops working.
	 */
	record Verification(ApiKey.Status status, Long keyId, Long tenantId, Long ownerUserId, Environment environment,
			String plan, boolean platformAdmin, Integer rateLimitPerMinute, Integer rateLimitPerDay, Instant expiresAt,
			List<String> scopes, Instant graceEndsAt) {

		static Verification unknown() {
			return new Verification(ApiKey.Status.UNKNOWN, null, null, null, null, null, false, null, null, null, null,
					null);
		}

		/** A secret replaced by regeneration: refused as revoked, not as unknown. */
		static Verification retired(ApiKey key) {
			return new Verification(ApiKey.Status.REVOKED, key.id(), key.tenantId(), null, key.environment(), null,
					false, null, null, null, null, null);
		}

	}

}
