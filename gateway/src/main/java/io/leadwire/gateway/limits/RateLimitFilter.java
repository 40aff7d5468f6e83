package io.leadwire.gateway.limits;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.leadwire.common.api.ErrorCodes;
import io.leadwire.gateway.auth.AuthenticationRefusal;
import io.leadwire.gateway.auth.Caller;
import io.leadwire.gateway.auth.KeyUsageRecorder;
import io.leadwire.gateway.metrics.TenantMeters;
import io.leadwire.gateway.web.GatewayErrors;

/**
 * One rate-limit decision per request, right after authentication, from what it left in
 * the exchange: address + key (or user) + tenant for an authenticated caller, whose key
 * use is then recorded; the client address alone for a refused one, whose refusal is
 * answered only if the address is within its limit (so guessing keys is throttled);
 * nothing for public paths.
 */
@Component
class RateLimitFilter implements WebFilter, Ordered {

	private final RateLimits limits;

	private final KeyUsageRecorder usage;

	private final GatewayErrors errors;

	private final TenantMeters meters;

	RateLimitFilter(RateLimits limits, KeyUsageRecorder usage, GatewayErrors errors, TenantMeters meters) {
		this.limits = limits;
		this.usage = usage;
		this.errors = errors;
		this.meters = meters;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Caller caller = exchange.getAttribute(Caller.ATTRIBUTE);
		if (caller != null) {
			return this.limits.caller(exchange, caller).flatMap((decision) -> {
				this.meters.request(caller);
				if (!decision.allowed()) {
					this.meters.rateLimited(caller);
					return tooMany(exchange, decision);
				}
				this.usage.record(caller.keyId());
				return chain.filter(exchange);
			});
		}
		AuthenticationRefusal refusal = exchange.getAttribute(AuthenticationRefusal.ATTRIBUTE);
		if (refusal != null) {
			return this.limits.anonymous(exchange)
				.flatMap((decision) -> decision.allowed()
						? this.errors.write(exchange, refusal.status(), refusal.code(), refusal.getMessage())
						: tooMany(exchange, decision));
		}
		return chain.filter(exchange);
	}

	private Mono<Void> tooMany(ServerWebExchange exchange, Decision decision) {
		return this.errors.write(exchange, 429, ErrorCodes.RATE_LIMITED,
				"Rate limit exceeded; retry after " + decision.retryAfterSeconds() + " s");
	}

	@Override
	public int getOrder() {
		// Right after ApiKeyAuthenticationFilter (+100), before idempotency (+200).
		return Ordered.HIGHEST_PRECEDENCE + 150;
	}

}
