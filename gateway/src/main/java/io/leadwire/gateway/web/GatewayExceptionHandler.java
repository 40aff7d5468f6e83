package io.leadwire.gateway.web;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import io.leadwire.common.api.ErrorCodes;

/**
 * Every failure the gateway raises itself ends in the envelope, with nothing internal in
 * it.
 */
@Component
@Order(-2)
class GatewayExceptionHandler implements ErrorWebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(GatewayExceptionHandler.class);

	private final GatewayErrors errors;

	GatewayExceptionHandler(GatewayErrors errors) {
		this.errors = errors;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (ex instanceof ResponseStatusException status) {
			int code = status.getStatusCode().value();
			return switch (code) {
				case 404 -> this.errors.write(exchange, 404, ErrorCodes.NOT_FOUND, "No such resource");
				case 405 -> this.errors.write(exchange, 405, ErrorCodes.METHOD_NOT_ALLOWED, "Method not allowed");
				case 413 -> this.errors.write(exchange, 413, ErrorCodes.PAYLOAD_TOO_LARGE, "Request body too large");
				case 415 ->
					this.errors.write(exchange, 415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE, "Content type not supported");
				case 503 -> unavailable(exchange);
				case 504 -> this.errors.write(exchange, 504, ErrorCodes.GATEWAY_TIMEOUT, "The service took too long");
				default -> (code < 500) ? this.errors.write(exchange, code, ErrorCodes.BAD_REQUEST, "Bad request")
						: internal(exchange, ex);
			};
		}
		if (ex instanceof DataBufferLimitException) {
			return this.errors.write(exchange, 413, ErrorCodes.PAYLOAD_TOO_LARGE, "Request body too large");
		}
		if (ex instanceof ConnectException || ex instanceof ConnectTimeoutException) {
			return unavailable(exchange);
		}
		if (ex instanceof TimeoutException || ex instanceof ReadTimeoutException) {
			return this.errors.write(exchange, 504, ErrorCodes.GATEWAY_TIMEOUT, "The service took too long");
		}
		return internal(exchange, ex);
	}

	private Mono<Void> unavailable(ServerWebExchange exchange) {
		return this.errors.write(exchange, 503, ErrorCodes.SERVICE_UNAVAILABLE,
				"The service is temporarily unavailable; retry shortly");
	}

	private Mono<Void> internal(ServerWebExchange exchange, Throwable ex) {
		RequestLog.of(exchange, () -> log.error("Unexpected gateway error on {}", exchange.getRequest().getPath(), ex));
		return this.errors.write(exchange, 500, ErrorCodes.INTERNAL_ERROR, "Internal error");
	}

}
