package io.leadwire.gateway.auth;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import io.leadwire.common.api.RequestIds;
import io.leadwire.common.context.ContextSigner;
import io.leadwire.gateway.web.RequestIdWebFilter;

/**
 * The headers a service receives, made in one pass as the request leaves for it: none of
 * the client's {@code X-Leadwire-*} headers (nobody outside may speak for the gateway),
 * no key, token, company or on-behalf-of header once authentication has used them, and
 * the request id and the signed context added. Editing them in each filter instead copied
 * every header once per filter.
 */
@Component
class ServiceRequestHeaders implements HttpHeadersFilter, Ordered {

	private final ContextSigner signer;

	ServiceRequestHeaders(ContextSigner signer) {
		this.signer = signer;
	}

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		Caller caller = exchange.getAttribute(Caller.ATTRIBUTE);
		String requestId = exchange.getAttribute(RequestIdWebFilter.ATTRIBUTE);
		HttpHeaders forwarded = new HttpHeaders();
		input.forEach((name, values) -> {
			if (!isInternal(name) && !(caller != null && isCredential(name))) {
				forwarded.addAll(name, values);
			}
		});
		if (requestId != null) {
			forwarded.set(RequestIds.HEADER, requestId);
		}
		if (caller != null) {
			forwarded.set(ContextSigner.HEADER, this.signer.sign(caller.toContext(requestId)));
		}
		return forwarded;
	}

	static boolean isInternal(String name) {
		return name.regionMatches(true, 0, "X-Leadwire-", 0, 11);
	}

	private static boolean isCredential(String name) {
		return name.equalsIgnoreCase(ApiKeyAuthenticationFilter.API_KEY_HEADER)
				|| name.equalsIgnoreCase(HttpHeaders.AUTHORIZATION)
				|| name.equalsIgnoreCase(IdentityResolver.COMPANY_HEADER)
				|| name.equalsIgnoreCase(IdentityResolver.COMPANY_ALIAS)
				|| name.equalsIgnoreCase(IdentityResolver.ON_BEHALF_OF_HEADER);
	}

	/** Last, after Spring Cloud Gateway's own header filters. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
