package io.leadwire.apikey.key;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonAlias;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.apikey.tenant.Guard;
import io.leadwire.apikey.plan.Plans;
import io.leadwire.apikey.tenant.Limits;
import io.leadwire.apikey.tenant.TenantRepository;
import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.ApiResponse.FieldError;
import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.apikey.ApiKeyScopes;
import io.leadwire.common.context.Environment;
import io.leadwire.common.context.RequestContext;
import io.leadwire.common.context.TenantScope;

/**
 * The tenant's API keys (docs/api.md §2). The full secret appears only in the create and
 * regenerate responses.
 */
@RestController
@RequestMapping("/v1/api-keys")
@Guard(Guard.Who.MEMBER)
class ApiKeyController {

	/**
	 * Tells the gateway which fields are shown once and must never be kept (idempotency).
	 */
	static final String SECRET_FIELDS = "X-Leadwire-Secret-Fields";

	private final ApiKeyLifecycle lifecycle;

	private final ApiKeyIssuer issuer;

	private final TenantRepository tenants;

	private final ApiKeyRepository keys;

	private final Plans plans;

	ApiKeyController(ApiKeyLifecycle lifecycle, ApiKeyIssuer issuer, TenantRepository tenants, ApiKeyRepository keys,
			Plans plans) {
		this.lifecycle = lifecycle;
		this.issuer = issuer;
		this.tenants = tenants;
		this.keys = keys;
		this.plans = plans;
	}

	/**
	 * An administrative read: owners and admins, live credentials (docs/api.md §Roles).
	 */
	@GetMapping
	@Guard(Guard.Who.ADMIN)
	ApiResponse<List<ApiKeyView>> list(RequestContext context) {
		TenantScope scope = context.tenantScope();
		Limits plan = limits(scope);
		return ApiResponse
			.ok(this.lifecycle.list(scope).stream().map((key) -> ApiKeyView.of(key, plan, null)).toList());
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Guard(Guard.Who.ADMIN)
	ApiResponse<ApiKeyView> create(@Valid @RequestBody CreateKeyRequest request, RequestContext context,
			HttpServletResponse response) {
		TenantScope scope = context.tenantScope();
		Environment environment = (request.environment() != null) ? request.environment() : scope.environment();
		ApiKeyLifecycle.requireManageable(scope, environment);
		Limits plan = limits(scope);
		validateLimits(request, plan);
		List<String> scopes = ApiKeyScopes.normalize(request.scopes());
		requireHeld(context, scopes);
		ApiKeyIssuer.Issued issued = this.issuer.issue(new ApiKeyIssuer.NewKey(scope.tenantId(),
				(context.actingUserId() != null) ? context.actingUserId() : context.userId(), request.name().trim(),
				environment, request.expiresAt(), request.rateLimitPerMinute(), request.rateLimitPerDay(), scopes));
		response.setHeader(SECRET_FIELDS, "key");
		return ApiResponse.created(ApiKeyView.of(issued.key(), plan, issued.secret()));
	}

	/**
	 * A new secret; with {@code grace_period_seconds} (up to 7 days) the replaced one
	 * keeps working until then, listed under {@code previousKeys}.
	 */
	@PostMapping("/{id}/regenerate")
	@Guard(Guard.Who.ADMIN)
	ApiResponse<ApiKeyView> regenerate(@PathVariable long id,
			@Valid @RequestBody(required = false) RegenerateRequest request, RequestContext context,
			HttpServletResponse response) {
		requireHeld(context, this.lifecycle.find(context.tenantScope(), id).scopes());
		Duration grace = (request != null && request.gracePeriodSeconds() != null)
				? Duration.ofSeconds(request.gracePeriodSeconds()) : Duration.ZERO;
		response.setHeader(SECRET_FIELDS, "key");
		ApiKeyLifecycle.Regenerated regenerated = this.lifecycle.regenerate(context.tenantScope(), id, grace);
		return ApiResponse.ok(ApiKeyView.of(regenerated.key(), limits(context.tenantScope()), regenerated.secret()));
	}

	/** Ends the grace period of the key's replaced secrets now. */
	@DeleteMapping("/{id}/previous-keys")
	@Guard(Guard.Who.ADMIN)
	ApiResponse<ApiKeyView> endGrace(@PathVariable long id, RequestContext context) {
		return ApiResponse
			.ok(ApiKeyView.of(this.lifecycle.endGrace(context.tenantScope(), id), limits(context.tenantScope()), null));
	}

	@DeleteMapping("/{id}")
	@Guard(Guard.Who.ADMIN)
	ApiResponse<ApiKeyView> delete(@PathVariable long id, RequestContext context) {
		return revoke(id, context);
	}

	@PostMapping("/revoke")
	@Guard(Guard.Who.ADMIN)
	ApiResponse<ApiKeyView> revokeByBody(@Valid @RequestBody RevokeRequest request, RequestContext context) {
		return revoke(request.id(), context);
	}

	private ApiResponse<ApiKeyView> revoke(long id, RequestContext context) {
		ApiKey revoked = this.lifecycle.revoke(context.tenantScope(), id);
		return ApiResponse.ok(ApiKeyView.of(revoked, limits(context.tenantScope()), null));
	}

	/**
	 * A key may hand on only what it holds: one with scopes may not create (or
	 * regenerate, and so read the secret of) a key that may do more. A signed-in user's
	 * role is what limits them (owners and admins manage keys).
	 */
	private void requireHeld(RequestContext context, List<String> wanted) {
		if (context.keyId() == null) {
			return;
		}
		List<String> held = this.keys.findById(context.keyId()).map(ApiKey::scopes).orElse(null);
		if (!ApiKeyScopes.covers(held, wanted)) {
			throw ApiException.forbidden(ErrorCodes.INSUFFICIENT_SCOPE,
					"This key may only create or regenerate keys within its own scopes " + held);
		}
	}

	/** The tenant's limits: a key's own may only be lower. */
	private Limits limits(TenantScope scope) {
		return this.plans.effective(this.tenants.findById(scope.tenantId()).orElseThrow(ApiException::notFound));
	}

	private static void validateLimits(CreateKeyRequest request, Limits plan) {
		List<FieldError> errors = new ArrayList<>();
		Integer perMinute = request.rateLimitPerMinute();
		if (perMinute != null && (perMinute < Limits.MIN_KEY_PER_MINUTE || perMinute > plan.perMinute())) {
			errors.add(new FieldError("rateLimitPerMinute", "must be between " + Limits.MIN_KEY_PER_MINUTE + " and "
					+ plan.perMinute() + ", the tenant's limit"));
		}
		Integer perDay = request.rateLimitPerDay();
		if (perDay != null && (perDay < Limits.MIN_KEY_PER_DAY || perDay > plan.perDay())) {
			errors.add(new FieldError("rateLimitPerDay",
					"must be between " + Limits.MIN_KEY_PER_DAY + " and " + plan.perDay() + ", the tenant's limit"));
		}
		if (request.expiresAt() != null && !request.expiresAt().isAfter(Instant.now())) {
			errors.add(new FieldError("expiresAt", "must be in the future"));
		}
		if (request.scopes() != null) {
			for (int i = 0; i < request.scopes().size(); i++) {
				if (!ApiKeyScopes.isValid(request.scopes().get(i))) {
					errors.add(new FieldError("scopes[" + i + "]",
							"is not a scope: use resource:action (leads:read, contacts:*, messages:send, keys:admin, ...)"
									+ " or *; see docs/api.md"));
				}
			}
		}
		if (!errors.isEmpty()) {
			throw ApiException.validation(errors);
		}
	}

	/**
	 * {@code scopes}: what the key may do ({@code resource:action}, wildcards
	 * {@code resource:*}, {@code *:read}, {@code *:write}, {@code *}); none is
	 * everything.
	 */
	record CreateKeyRequest(@NotBlank @Size(max = 100) @JsonAlias("key_name") String name, Environment environment,
			@JsonAlias("expires_at") Instant expiresAt, @JsonAlias("rate_limit_per_minute") Integer rateLimitPerMinute,
			@JsonAlias("rate_limit_per_day") Integer rateLimitPerDay,
			@Size(max = ApiKeyScopes.MAX) List<@NotNull @Size(max = 40) String> scopes) {
	}

	/**
	 * {@code gracePeriodSeconds}: how long the replaced secret keeps working (0, the
	 * default, refuses it at once; at most 7 days).
	 */
	record RegenerateRequest(@Min(0) @Max(604_800) @JsonAlias( {
			"grace_period_seconds", "grace_period" }) Integer gracePeriodSeconds){
	}

	record RevokeRequest(@NotNull Long id) {
	}

}
