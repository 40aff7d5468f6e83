package io.leadwire.gateway.routing;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import io.leadwire.gateway.web.HopByHop;

/**
 * The headers of a service's answer that reach the client: all but the hop-by-hop ones
 * and the platform's own {@code X-Leadwire-*}, in one copy. A service's
 * {@code X-Leadwire-Secret-Fields} (which response fields are one-time secrets) is kept
 * for the idempotency store as an exchange attribute.
 */
final class ClientResponseHeaders implements HttpHeadersFilter {

	/** Shared with {@code SecretScrubber}, which reads the attribute. */
	static final String SECRET_FIELDS = "X-Leadwire-Secret-Fields";

	static final String SECRET_FIELDS_ATTRIBUTE = "leadwire.secretFields";

	private static final String INTERNAL_PREFIX = "X-Leadwire-";

	private static Set<String> secretFields(List<String> values) {
		Set<String> fields = new HashSet<>();
		for (String value : values) {
			for (String field : value.split(",")) {
				if (!field.isBlank()) {
					fields.add(field.strip());
				}
			}
		}
		return fields;
	}

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		List<String> connection = HopByHop.listedIn(input);
		HttpHeaders kept = new HttpHeaders();
		input.forEach((name, values) -> {
			if (name.regionMatches(true, 0, INTERNAL_PREFIX, 0, INTERNAL_PREFIX.length())) {
				if (name.equalsIgnoreCase(SECRET_FIELDS)) {
					exchange.getAttributes().put(SECRET_FIELDS_ATTRIBUTE, secretFields(values));
				}
			}
			else if (!HopByHop.is(name, connection)) {
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
