package io.leadwire.gateway;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.netty.channel.EventLoop;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

import io.leadwire.gateway.web.RequestLoop;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR;

/**
 * Records, for every routed request, whether the connection to the service lived on the
 * event loop that served the client.
 */
@TestConfiguration(proxyBeanMethods = false)
class RoutingLoopRecorder implements GlobalFilter, Ordered {

	final Queue<Boolean> sameLoop = new ConcurrentLinkedQueue<>();

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		EventLoop served = RequestLoop.of(exchange);
		return chain.filter(exchange).doOnSuccess((done) -> {
			Connection service = exchange.getAttribute(CLIENT_RESPONSE_CONN_ATTR);
			// A connection the pool closed as the answer ended has no loop any more.
			if (service != null && served != null && service.channel().isRegistered()) {
				this.sameLoop.add(service.channel().eventLoop() == served);
			}
		});
	}

	/** Just outside the response writer, so the service's connection is known. */
	@Override
	public int getOrder() {
		return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;
	}

}
