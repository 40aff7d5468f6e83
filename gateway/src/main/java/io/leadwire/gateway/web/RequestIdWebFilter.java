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
 * First thing on every request: settle the request id, which is echoed on every response
 * and sent on to the service. Every response also says {@code X-Content-Type-Options:
 * nosniff} and, unless the service chose otherwise, {@code Cache-Control: no-store}: API
 * answers (keys included) are never cached or sniffed. (Inbound {@code X-Leadwire-*}
 * headers never reach a service: see {@code ServiceRequestHeaders}.)
 */
@Component
public class RequestIdWebFilter implements WebFilter, Ordered {

	public static final String ATTRIBUTE = "leadwire.requestId";

	private static final String NOSNIFF = "X-Content-Type-Options";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String requestId = RequestIds.acceptOrGenerate(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
		exchange.getAttributes().put(ATTRIBUTE, requestId);
		exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
		exchange.getResponse().beforeCommit(() -> {
			HttpHeaders headers = exchange.getResponse().getHeaders();
			headers.set(RequestIds.HEADER, requestId);
			headers.set(NOSNIFF, "nosniff");
			if (!headers.containsHeader(HttpHeaders.CACHE_CONTROL)) {
				headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
			}
			return Mono.empty();
		});
		return chain.filter(exchange).contextWrite((context) -> context.put(ATTRIBUTE, requestId));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
