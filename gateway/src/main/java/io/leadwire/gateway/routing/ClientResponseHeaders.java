package io.leadwire.gateway.routing;

import java.util.List;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import io.leadwire.gateway.web.HopByHop;

/**
 * The headers of a service's answer that reach the client: all but the hop-by-hop ones,
 * in one copy.
 */
final class ClientResponseHeaders implements HttpHeadersFilter {

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		List<String> connection = HopByHop.listedIn(input);
		HttpHeaders kept = new HttpHeaders();
		input.forEach((name, values) -> {
			if (!HopByHop.is(name, connection)) {
				kept.addAll(name, values);
			}
		});
		return kept;
	}

	@Override
	public boolean supports(Type type) {
		return type == Type.RESPONSE;
	}

}
