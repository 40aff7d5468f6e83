package io.leadwire.gateway.web;

import java.util.List;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.leadwire.common.api.ContentTypes;
import io.leadwire.common.api.ErrorCodes;

/**
 * Refuses, right after the request id is settled and before anything reads the request,
 * what no route can serve: methods outside the API's verbs (405), paths with a matrix
 * parameter ({@code ;}, 404), a {@code Content-Type} that does not parse or is a wildcard
 * (400), and ambiguous credentials (400): two keys, a key and a bearer token, a key in
 * the query and in a header, or two company or on-behalf-of headers. Every refusal is in
 * the envelope with the request id; without this, a malformed header reached code that
 * threw on it (500).
 */
@Component
public class RequestShapeFilter implements WebFilter, Ordered {

	public static final String AMBIGUOUS_CREDENTIALS = "ambiguous_credentials";

	private static final Set<HttpMethod> METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
			HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);

	private final GatewayErrors errors;

	RequestShapeFilter(GatewayErrors errors) {
		this.errors = errors;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (!METHODS.contains(request.getMethod())) {
			return this.errors.write(exchange, 405, ErrorCodes.METHOD_NOT_ALLOWED,
					"Method not allowed: the API answers GET, POST, PUT, PATCH, DELETE, HEAD and OPTIONS");
		}
		if (request.getURI().getRawPath().indexOf(';') >= 0) {
			// A matrix parameter: services would strip it before matching, so
			// /v1/leads/1000027;x=1 would skip id decoding. No route has one.
			return this.errors.write(exchange, 404, ErrorCodes.NOT_FOUND, "No such resource");
		}
		String contentType = ContentTypes.problem(request.getHeaders().get(HttpHeaders.CONTENT_TYPE));
		if (contentType != null) {
			return this.errors.write(exchange, 400, ErrorCodes.BAD_REQUEST, contentType);
		}
		String ambiguity = ambiguousCredentials(request);
		if (ambiguity != null) {
			return this.errors.write(exchange, 400, AMBIGUOUS_CREDENTIALS, ambiguity);
		}
		return chain.filter(exchange);
	}

	private static String ambiguousCredentials(ServerHttpRequest request) {
		HttpHeaders headers = request.getHeaders();
		int keys = count(headers, "X-API-Key");
		int authorizations = count(headers, HttpHeaders.AUTHORIZATION);
		List<String> queryKeys = request.getQueryParams().get("api_key");
		int inQuery = (queryKeys != null) ? queryKeys.size() : 0;
		if (keys + authorizations + inQuery > 1) {
			return "Send exactly one credential: one X-API-Key header, one Authorization header or one api_key "
					+ "parameter";
		}
		if (count(headers, "X-Company-Id") + count(headers, "companyid") > 1) {
			return "Send at most one company header (X-Company-Id or companyid)";
		}
		if (count(headers, "X-On-Behalf-Of") > 1) {
			return "Send at most one X-On-Behalf-Of header";
		}
		return null;
	}

	private static int count(HttpHeaders headers, String name) {
		List<String> values = headers.get(name);
		return (values != null) ? values.size() : 0;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

}
