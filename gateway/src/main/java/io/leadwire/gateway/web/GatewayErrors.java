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
import io.leadwire.common.api.ErrorCodes;
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

	/** The envelope of an error, for responses built elsewhere. */
	public byte[] body(int status, String code, String message, String requestId) {
		return this.json.writeValueAsBytes(ApiResponse.error(status, code, message, null, requestId));
	}

	/** The machine code for a status, when a service answered without one. */
	public static String codeOf(int status) {
		return switch (status) {
			case 400 -> ErrorCodes.BAD_REQUEST;
			case 403 -> ErrorCodes.FORBIDDEN;
			case 404 -> ErrorCodes.NOT_FOUND;
			case 405 -> ErrorCodes.METHOD_NOT_ALLOWED;
			case 413 -> ErrorCodes.PAYLOAD_TOO_LARGE;
			case 415 -> ErrorCodes.UNSUPPORTED_MEDIA_TYPE;
			case 429 -> ErrorCodes.RATE_LIMITED;
			case 503 -> ErrorCodes.SERVICE_UNAVAILABLE;
			case 504 -> ErrorCodes.GATEWAY_TIMEOUT;
			default -> (status >= 500) ? ErrorCodes.INTERNAL_ERROR : ErrorCodes.BAD_REQUEST;
		};
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
