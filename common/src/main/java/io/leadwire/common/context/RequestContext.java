package io.leadwire.common.context;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ErrorCodes;

/**
 * Who is calling, as established by the gateway and carried to services in the signed
 * {@code X-Leadwire-Context} header. Short JSON names keep the header small.
 *
 * @param scope {@link Scope#TENANT} for customers' calls, {@link Scope#PLATFORM_ADMIN}
 * for platform administration, {@link Scope#SYSTEM} for the platform's own calls (gateway
 * → apikey)
 * @param tenantId the tenant the request acts in (after company selection)
 * @param environment live or test (sandbox)
 * @param userId the owner of the key or token
 * @param actingUserId the user acted for ({@code X-On-Behalf-Of}), else the owner
 * @param keyTenantId the tenant the key belongs to, when a partner acts in a client
 * company
 * @param keyId the API key used, null for tokens and system calls
 * @param plan the tenant's plan
 * @param requestId the request id
 * @param expiresAt epoch milliseconds after which the context is refused
 */
@JsonInclude(Include.NON_NULL)
public record RequestContext(@JsonProperty("s") Scope scope, @JsonProperty("t") Long tenantId,
		@JsonProperty("e") Environment environment, @JsonProperty("u") Long userId,
		@JsonProperty("a") Long actingUserId, @JsonProperty("o") Long keyTenantId, @JsonProperty("k") Long keyId,
		@JsonProperty("p") String plan, @JsonProperty("r") String requestId, @JsonProperty("x") long expiresAt) {

	public enum Scope {

		TENANT, PLATFORM_ADMIN, SYSTEM

	}

	public static RequestContext tenant(long tenantId, Environment environment, Long userId, Long keyId, String plan,
			String requestId) {
		return new RequestContext(Scope.TENANT, tenantId, environment, userId, userId, tenantId, keyId, plan, requestId,
				0);
	}

	/**
	 * The context of work the platform does for a tenant outside any request (a job, a
	 * consumer): the tenant's scope, no user, no key.
	 */
	public static RequestContext forTenant(TenantScope scope, String requestId) {
		return new RequestContext(Scope.TENANT, scope.tenantId(), scope.environment(), null, null, scope.tenantId(),
				null, null, requestId, 0);
	}

	public static RequestContext system(String requestId) {
		return new RequestContext(Scope.SYSTEM, null, null, null, null, null, null, null, requestId, 0);
	}

	RequestContext withExpiry(long epochMillis) {
		return new RequestContext(this.scope, this.tenantId, this.environment, this.userId, this.actingUserId,
				this.keyTenantId, this.keyId, this.plan, this.requestId, epochMillis);
	}

	/**
	 * The tenant scope every tenant-owned read and write filters on; 403 for other
	 * scopes.
	 */
	@JsonIgnore
	public TenantScope tenantScope() {
		if (this.scope != Scope.TENANT || this.tenantId == null || this.environment == null) {
			throw ApiException.forbidden(ErrorCodes.FORBIDDEN, "This operation needs a tenant's credentials");
		}
		return new TenantScope(this.tenantId, this.environment);
	}

	public void requireScope(Scope required) {
		if (this.scope != required) {
			throw ApiException.forbidden(ErrorCodes.FORBIDDEN, "Not allowed for these credentials");
		}
	}

}
