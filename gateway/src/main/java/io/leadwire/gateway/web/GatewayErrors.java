package io.leadwire.gateway.web;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import io.leadwire.common.api.ApiResponse;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes the gateway's own errors in the envelope.
 */
@Component
public class GatewayErrors {

	private final ObjectMapper json;

	GatewayErrors(ObjectMapper json) {
		this.json = json;
	}

	public Mono<Void> write(ServerWebExchange exchange, int status, String code, String message) {
		return write(exchange, status, code, message, null);
	}

	public Mono<Void> write(ServerWebExchange exchange, int status, String code, String message,
			List<ApiResponse.FieldError> errors) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.empty();
		}
		response.setStatusCode(HttpStatus.valueOf(status));
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		String requestId = exchange.getAttribute(RequestIdWebFilter.ATTRIBUTE);
		byte[] body = this.json.writeValueAsBytes(ApiResponse.error(status, code, message, errors, requestId));
		response.getHeaders().setContentLength(body.length);
		DataBuffer buffer = response.bufferFactory().wrap(body);
		return response.writeWith(Mono.just(buffer));
	}

}
