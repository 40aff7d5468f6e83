package io.leadwire.gateway.auth;

import java.util.Set;

import io.leadwire.common.context.Environment;
import io.leadwire.common.context.RequestContext;

/**
 * Who the request comes from once authenticated, and for whom it acts; becomes the signed
 * context sent to services.
 *
 * @param tenantId the tenant acted in (a client company when a partner selected one)
 * @param userId the owner of the key
 * @param actingUserId the user acted as ({@code X-On-Behalf-Of}), else the owner
 * @param keyTenantId the tenant the key belongs to
 * @param scopes what the key may do ({@code null}: everything; always for a signed-in
 * user, whose role limits them)
 */
public record Caller(RequestContext.Scope scope, long tenantId, Environment environment, long userId, long actingUserId,
		long keyTenantId, Long keyId, String plan, Integer rateLimitPerMinute, Integer rateLimitPerDay,
		Set<String> scopes) {

	public static final String ATTRIBUTE = "leadwire.caller";

	public boolean impersonates() {
		return this.actingUserId != this.userId;
	}

	Caller actingIn(long tenantId, String plan, long actingUserId) {
		return new Caller(this.scope, tenantId, this.environment, this.userId, actingUserId, this.keyTenantId,
				this.keyId, plan, this.rateLimitPerMinute, this.rateLimitPerDay, this.scopes);
	}

	public RequestContext toContext(String requestId) {
		return new RequestContext(this.scope, this.tenantId, this.environment, this.userId, this.actingUserId,
				this.keyTenantId, this.keyId, this.plan, requestId, 0);
	}

}
