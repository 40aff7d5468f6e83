package io.leadwire.gateway.web;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.leadwire.common.api.RequestIds;

/**
 * First thing on every request: drop every inbound {@code X-Leadwire-*} header (nobody
 * outside may speak for the gateway) and settle the request id, which is echoed on every
 * response.
 */
@Component
public class RequestIdWebFilter implements WebFilter, Ordered {

	public static final String ATTRIBUTE = "leadwire.requestId";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String requestId = RequestIds.acceptOrGenerate(request.getHeaders().getFirst(RequestIds.HEADER));
		ServerHttpRequest cleaned = request.mutate().headers((headers) -> {
			stripInternalHeaders(headers);
			headers.set(RequestIds.HEADER, requestId);
		}).build();
		exchange.getAttributes().put(ATTRIBUTE, requestId);
		exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
		exchange.getResponse().beforeCommit(() -> {
			exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
			return Mono.empty();
		});
		return chain.filter(exchange.mutate().request(cleaned).build())
			.contextWrite((context) -> context.put(ATTRIBUTE, requestId));
	}

	static void stripInternalHeaders(HttpHeaders headers) {
		headers.headerNames().removeIf((name) -> name.regionMatches(true, 0, "X-Leadwire-", 0, 11));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
