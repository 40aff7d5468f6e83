package io.leadwire.gateway.web;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.common.api.ApiResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code GET /v1/health}: public liveness of the API itself (per-service health is on the
 * actuator).
 */
@RestController
class HealthController {

	@GetMapping("/v1/health")
	ApiResponse<Map<String, String>> health(ServerWebExchange exchange) {
		return ApiResponse.ok(Map.of("status", "UP"), exchange.getAttribute(RequestIdWebFilter.ATTRIBUTE));
	}

}
