package io.leadwire.gateway.web;

import io.netty.channel.EventLoop;
import reactor.netty.Connection;

import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;

/**
 * The Reactor Netty event loop that serves a request: work issued on it (a rate-limit
 * check, the call to a service) is answered on the same thread, with no hand-over.
 */
public final class RequestLoop {

	private RequestLoop() {
	}

	/**
	 * The event loop serving the request, or {@code null} off Reactor Netty or once the
	 * client's connection has left its loop (closed).
	 */
	public static EventLoop of(ServerWebExchange exchange) {
		try {
			Object request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
			return (request instanceof Connection connection && connection.channel().isRegistered())
					? connection.channel().eventLoop() : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
