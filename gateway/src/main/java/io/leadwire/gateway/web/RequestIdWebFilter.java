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
 * and sent on to the service. (Inbound {@code X-Leadwire-*} headers never reach a
 * service: see {@code ServiceRequestHeaders}.)
 */
@Component
public class RequestIdWebFilter implements WebFilter, Ordered {

	public static final String ATTRIBUTE = "leadwire.requestId";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String requestId = RequestIds.acceptOrGenerate(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
		exchange.getAttributes().put(ATTRIBUTE, requestId);
		exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
		exchange.getResponse().beforeCommit(() -> {
			exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
			return Mono.empty();
		});
		return chain.filter(exchange).contextWrite((context) -> context.put(ATTRIBUTE, requestId));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
