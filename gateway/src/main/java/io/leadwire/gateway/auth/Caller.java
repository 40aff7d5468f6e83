package io.leadwire.gateway.auth;

import io.leadwire.common.context.Environment;
import io.leadwire.common.context.RequestContext;

/**
 * Who the request comes from once authenticated; becomes the signed context sent to
 * services.
 */
public record Caller(RequestContext.Scope scope, long tenantId, Environment environment, long userId, Long keyId,
		String plan, Integer rateLimitPerMinute, Integer rateLimitPerDay) {

	public static final String ATTRIBUTE = "leadwire.caller";

	public RequestContext toContext(String requestId) {
		return new RequestContext(this.scope, this.tenantId, this.environment, this.userId, this.userId, this.keyId,
				this.plan, requestId, 0);
	}

}
