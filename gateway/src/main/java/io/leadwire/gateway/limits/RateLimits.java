package io.leadwire.gateway.limits;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import io.leadwire.gateway.auth.Caller;
import io.leadwire.gateway.web.RequestLoop;

/**
 * Which limits a request is subject to, and the {@code X-RateLimit-*} headers of its
 * answer. The tightest limit wins: the client address always; then the key (its own
 * limits capped by the plan) or, for a signed-in user, the user; and the tenant's plan
 * ({@link PlanTable}: an Enterprise tenant's own limits in place of its plan's).
 */
@Component
public class RateLimits {

	private final SharedRateLimiter limiter;

	private final ClientAddress addresses;

	private final RateLimitProperties properties;

	private final PlanTable plans;

	RateLimits(SharedRateLimiter limiter, ClientAddress addresses, RateLimitProperties properties, PlanTable plans) {
		this.limiter = limiter;
		this.addresses = addresses;
		this.properties = properties;
		this.plans = plans;
	}

	/** For requests that did not authenticate: only the client address is limited. */
	public Mono<Decision> anonymous(ServerWebExchange exchange) {
		return this.limiter.check(List.of(ip(exchange)), RequestLoop.of(exchange))
			.doOnNext((decision) -> apply(exchange, decision));
	}

	public Mono<Decision> caller(ServerWebExchange exchange, Caller caller) {
		return this.limiter.check(buckets(exchange, caller), RequestLoop.of(exchange))
			.doOnNext((decision) -> apply(exchange, decision));
	}

	/** The caller's budget as it stands, without consuming any of it. */
	public Mono<Usage> usage(ServerWebExchange exchange, Caller caller) {
		List<Bucket> buckets = buckets(exchange, caller);
		long now = System.currentTimeMillis();
		String plan = (caller.plan() != null) ? caller.plan() : RateLimitProperties.DEFAULT_PLAN;
		return this.limiter.peek(buckets, now)
			.map((states) -> Usage.of(plan, caller.environment().wireName(), buckets, states, now));
	}

	private List<Bucket> buckets(ServerWebExchange exchange, Caller caller) {
		RateLimitProperties.Limit tenantLimits = this.plans.override(caller.tenantId());
		RateLimitProperties.Limit plan = (tenantLimits != null) ? tenantLimits : this.plans.plan(caller.plan());
		Bucket own = (caller.keyId() != null)
				? Bucket.key(caller.keyId(), plan.capped(caller.rateLimitPerMinute(), caller.rateLimitPerDay()))
				: Bucket.user(caller.userId(), plan);
		return List.of(ip(exchange), own, Bucket.tenant(caller.tenantId(), plan));
	}

	private Bucket ip(ServerWebExchange exchange) {
		return Bucket.ip(this.addresses.of(exchange.getRequest()), this.properties.ip().limit());
	}

	private static void apply(ServerWebExchange exchange, Decision decision) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		headers.set("X-RateLimit-Limit", Integer.toString(decision.limit()));
		headers.set("X-RateLimit-Remaining", Integer.toString(decision.remaining()));
		headers.set("X-RateLimit-Reset", Long.toString(decision.resetEpochSeconds()));
		if (!decision.allowed()) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
		}
	}

}
