package io.leadwire.common.web;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.context.RequestContext;
import io.leadwire.common.context.TenantScope;

/**
 * Lets controllers take the verified {@link RequestContext} or its {@link TenantScope} as
 * a parameter.
 */
public class RequestContextArgumentResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		Class<?> type = parameter.getParameterType();
		return type == RequestContext.class || type == TenantScope.class;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		Object context = webRequest.getAttribute(RequestContextFilter.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		if (!(context instanceof RequestContext requestContext)) {
			throw new ApiException(401, ErrorCodes.MISSING_CONTEXT, "Requests must come through the gateway");
		}
		return (parameter.getParameterType() == TenantScope.class) ? requestContext.tenantScope() : requestContext;
	}

}
