package io.leadwire.apikey.tenant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.context.Environment;
import io.leadwire.common.context.RequestContext;
import io.leadwire.common.web.RequestContextFilter;

/**
 * Enforces {@link Guard}: 403 before any argument is bound, so authorisation always comes
 * before validation.
 */
@Component
public class GuardInterceptor implements HandlerInterceptor {

	public static final String SANDBOX_FORBIDDEN = "sandbox_forbidden";

	private final TenantAdmins admins;

	GuardInterceptor(TenantAdmins admins) {
		this.admins = admins;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod method)) {
			return true;
		}
		Guard guard = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), Guard.class);
		if (guard == null) {
			guard = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), Guard.class);
		}
		if (guard == null) {
			return true;
		}
		RequestContext context = (RequestContext) request.getAttribute(RequestContextFilter.ATTRIBUTE);
		if (context == null) {
			throw ApiException.forbidden(ErrorCodes.FORBIDDEN, "Not allowed for these credentials");
		}
		if (guard.value() == Guard.Who.PLATFORM_ADMIN) {
			context.requireScope(RequestContext.Scope.PLATFORM_ADMIN);
			return true;
		}
		context.tenantScope();
		if (!guard.sandbox() && context.environment() == Environment.TEST) {
			throw ApiException.forbidden(SANDBOX_FORBIDDEN,
					"Test (sandbox) credentials cannot administer the tenant: use live credentials");
		}
		if (guard.value() == Guard.Who.ADMIN) {
			this.admins.require(context);
		}
		return true;
	}

}
