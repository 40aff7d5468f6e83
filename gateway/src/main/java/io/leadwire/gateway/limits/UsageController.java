package io.leadwire.gateway.limits;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.leadwire.common.api.ApiResponse;
import io.leadwire.gateway.auth.Caller;
import io.leadwire.gateway.web.RequestIdWebFilter;

/**
 * {@code GET /v1/usage}: the caller's plan and remaining minute and day budget, served by
 * the gateway itself (it owns the limits). The request itself counts.
 */
@RestController
class UsageController {

	private final RateLimits limits;

	UsageController(RateLimits limits) {
		this.limits = limits;
	}

	@GetMapping("/v1/usage")
	Mono<ApiResponse<Usage>> usage(ServerWebExchange exchange) {
		Caller caller = exchange.getRequiredAttribute(Caller.ATTRIBUTE);
		String requestId = exchange.getAttribute(RequestIdWebFilter.ATTRIBUTE);
		return this.limits.usage(exchange, caller).map((usage) -> ApiResponse.ok(usage, requestId));
	}

}
