package io.leadwire.apikey.key;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonAlias;
import jakarta.validation.Valid;
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
import io.leadwire.apikey.tenant.Plan;
import io.leadwire.apikey.tenant.Tenant;
import io.leadwire.apikey.tenant.TenantRepository;
import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.ApiResponse.FieldError;
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

	ApiKeyController(ApiKeyLifecycle lifecycle, ApiKeyIssuer issuer, TenantRepository tenants) {
		this.lifecycle = lifecycle;
		this.issuer = issuer;
		this.tenants = tenants;
	}

	/**
	 * An administrative read: owners and admins, live credentials (docs/api.md §Roles).
	 */
	@GetMapping
	@Guard(Guard.Who.ADMIN)
	ApiResponse<List<ApiKeyView>> list(RequestContext context) {
		TenantScope scope = context.tenantScope();
		Plan plan = plan(scope);
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
		Plan plan = plan(scope);
		validateLimits(request, plan);
		ApiKeyIssuer.Issued issued = this.issuer.issue(new ApiKeyIssuer.NewKey(scope.tenantId(),
				(context.actingUserId() != null) ? context.actingUserId() : context.userId(), request.name().trim(),
				environment, request.expiresAt(), request.rateLimitPerMinute(), request.rateLimitPerDay()));
		response.setHeader(SECRET_FIELDS, "key");
		return ApiResponse.created(ApiKeyView.of(issued.key(), plan, issued.secret()));
	}

	@PostMapping("/{id}/regenerate")
	@Guard(Guard.Who.ADMIN)
	ApiResponse<ApiKeyView> regenerate(@PathVariable long id, RequestContext context, HttpServletResponse response) {
		response.setHeader(SECRET_FIELDS, "key");
		ApiKeyLifecycle.Regenerated regenerated = this.lifecycle.regenerate(context.tenantScope(), id);
		return ApiResponse.ok(ApiKeyView.of(regenerated.key(), plan(context.tenantScope()), regenerated.secret()));
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
		return ApiResponse.ok(ApiKeyView.of(revoked, plan(context.tenantScope()), null));
	}

	private Plan plan(TenantScope scope) {
		return this.tenants.findById(scope.tenantId()).map(Tenant::plan).orElseThrow(ApiException::notFound);
	}

	private static void validateLimits(CreateKeyRequest request, Plan plan) {
		List<FieldError> errors = new ArrayList<>();
		Integer perMinute = request.rateLimitPerMinute();
		if (perMinute != null && (perMinute < Plan.MIN_PER_MINUTE || perMinute > plan.perMinute())) {
			errors.add(new FieldError("rateLimitPerMinute", "must be between " + Plan.MIN_PER_MINUTE + " and "
					+ plan.perMinute() + " on the " + plan.wireName() + " plan"));
		}
		Integer perDay = request.rateLimitPerDay();
		if (perDay != null && (perDay < Plan.MIN_PER_DAY || perDay > plan.perDay())) {
			errors.add(new FieldError("rateLimitPerDay", "must be between " + Plan.MIN_PER_DAY + " and " + plan.perDay()
					+ " on the " + plan.wireName() + " plan"));
		}
		if (request.expiresAt() != null && !request.expiresAt().isAfter(Instant.now())) {
			errors.add(new FieldError("expiresAt", "must be in the future"));
		}
		if (!errors.isEmpty()) {
			throw ApiException.validation(errors);
		}
	}

	record CreateKeyRequest(@NotBlank @Size(max = 100) @JsonAlias("key_name") String name, Environment environment,
			@JsonAlias("expires_at") Instant expiresAt, @JsonAlias("rate_limit_per_minute") Integer rateLimitPerMinute,
			@JsonAlias("rate_limit_per_day") Integer rateLimitPerDay) {
	}

	record RevokeRequest(@NotNull Long id) {
	}

}
