package io.leadwire.gateway.scopes;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.apikey.ApiKeyScopes;
import io.leadwire.gateway.auth.Caller;
import io.leadwire.gateway.web.GatewayErrors;

/**
 * Holds a scoped key to its scopes ({@link RouteScopes}): a request the key's scopes do
 * not cover is answered 403 {@code insufficient_scope}, naming the scope it needs, before
 * any service sees it. Runs after the rate limiter, so refused requests still count
 * against the key's limits. An unrestricted key or a signed-in user costs one null check.
 */
@Component
class ScopeFilter implements WebFilter, Ordered {

	private final RouteScopes routes = new RouteScopes();

	private final GatewayErrors errors;

	ScopeFilter(GatewayErrors errors) {
		this.errors = errors;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Caller caller = exchange.getAttribute(Caller.ATTRIBUTE);
		if (caller == null || caller.scopes() == null) {
			return chain.filter(exchange);
		}
		String required = this.routes.required(exchange.getRequest().getMethod(),
				exchange.getRequest().getPath().value());
		if (RouteScopes.NONE.equals(required) || ApiKeyScopes.grants(caller.scopes(), required)) {
			return chain.filter(exchange);
		}
		String message = (required == null) ? "This operation needs a key without scopes"
				: "This key lacks the scope " + required + " that this operation needs";
		return this.errors.write(exchange, 403, ErrorCodes.INSUFFICIENT_SCOPE, message);
	}

	@Override
	public int getOrder() {
		// After RateLimitFilter (+150), before idempotency (+200).
		return Ordered.HIGHEST_PRECEDENCE + 175;
	}

}
