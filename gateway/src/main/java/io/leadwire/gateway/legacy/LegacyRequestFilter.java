package io.leadwire.gateway.legacy;

import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.leadwire.common.api.ErrorCodes;
import io.leadwire.gateway.web.GatewayErrors;

/**
 * Lets the older products' clients work with only the host changed (docs/api.md §7):
 * their path prefixes become {@code /v1}, and a POST carrying
 * {@code X-HTTP-Method-Override} becomes the method it names. Runs before authentication,
 * so public paths and limits see the canonical request. ({@code "_method"} inside a JSON
 * body is read where the body is, in the id rewrite.) AgencyHandy's first call,
 * {@code GET /accounts/companies}, is also answered in AgencyHandy's own shape: the
 * request is marked ({@link #SHAPE_ATTRIBUTE}) and the service told so
 * ({@link #SHAPE_HEADER}); {@code /v1/accounts/companies} keeps the envelope.
 */
@Component
public class LegacyRequestFilter implements WebFilter, Ordered {

	public static final String METHOD_OVERRIDE_HEADER = "X-HTTP-Method-Override";

	/**
	 * Set when the request came in on a path whose answer keeps its older product's shape
	 * (AgencyHandy's {@code GET /accounts/companies}); its value is the shape's name,
	 * sent to the service as {@link #SHAPE_HEADER}.
	 */
	public static final String SHAPE_ATTRIBUTE = LegacyRequestFilter.class.getName() + ".shape";

	/**
	 * The gateway's word to a service that the client expects an older product's shape.
	 */
	public static final String SHAPE_HEADER = "X-Leadwire-Shape";

	static final String AGENCYHANDY = "agencyhandy";

	/** Longest first: {@code /public/api/v1/} before {@code /public/api/}. */
	private static final String[] PREFIXES = { "/public/api/v1/", "/public/api/", "/api/v1/", "/api/" };

	private static final String ACCOUNTS_COMPANIES = "/v1/accounts/companies";

	private static final Set<HttpMethod> OVERRIDABLE = Set.of(HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

	private final GatewayErrors errors;

	LegacyRequestFilter(GatewayErrors errors) {
		this.errors = errors;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String path = canonicalPath(request.getPath().value(), request.getMethod());
		String override = request.getHeaders().getFirst(METHOD_OVERRIDE_HEADER);
		if (path == null && override == null) {
			return chain.filter(exchange);
		}
		ServerHttpRequest.Builder builder = request.mutate();
		if (path != null) {
			builder.path(path);
			if (request.getPath().value().startsWith("/accounts/")) {
				exchange.getAttributes().put(SHAPE_ATTRIBUTE, AGENCYHANDY);
			}
		}
		if (override != null) {
			HttpMethod method = overriddenMethod(request.getMethod(), override);
			if (method == null) {
				return this.errors.write(exchange, 400, ErrorCodes.BAD_REQUEST,
						METHOD_OVERRIDE_HEADER + " must be PUT, PATCH or DELETE, on a POST");
			}
			builder.method(method).headers((headers) -> headers.remove(METHOD_OVERRIDE_HEADER));
		}
		return chain.filter(exchange.mutate().request(builder.build()).build());
	}

	/** The {@code /v1} path of an alias, or {@code null} when the path is canonical. */
	static String canonicalPath(String path, HttpMethod method) {
		if (path.startsWith("/v1/")) {
			return null;
		}
		for (String prefix : PREFIXES) {
			if (path.startsWith(prefix) && path.length() > prefix.length()) {
				return "/v1/" + path.substring(prefix.length());
			}
		}
		if (method == HttpMethod.GET && (path.equals("/accounts/companies") || path.equals("/accounts/companies/"))) {
			return ACCOUNTS_COMPANIES;
		}
		return null;
	}

	/**
	 * The method a POST asks to be treated as; {@code null} when the override is not
	 * allowed.
	 */
	public static HttpMethod overriddenMethod(HttpMethod actual, String requested) {
		HttpMethod method = HttpMethod.valueOf(requested.trim().toUpperCase(java.util.Locale.ROOT));
		if (method == actual) {
			return actual;
		}
		return (actual == HttpMethod.POST && OVERRIDABLE.contains(method)) ? method : null;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

}
