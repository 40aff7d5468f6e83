package io.leadwire.gateway.auth;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.gateway.web.RequestIdWebFilter;

/**
 * Tells the service who is calling, in the signed {@code X-Leadwire-Context} header.
 */
@Component
class SignedContextFilter implements GlobalFilter, Ordered {

	private final ContextSigner signer;

	SignedContextFilter(ContextSigner signer) {
		this.signer = signer;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Caller caller = exchange.getAttribute(Caller.ATTRIBUTE);
		if (caller == null) {
			return chain.filter(exchange);
		}
		String requestId = exchange.getAttribute(RequestIdWebFilter.ATTRIBUTE);
		String context = this.signer.sign(caller.toContext(requestId));
		return chain.filter(exchange.mutate()
			.request(exchange.getRequest().mutate().header(ContextSigner.HEADER, context).build())
			.build());
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 100;
	}

}
