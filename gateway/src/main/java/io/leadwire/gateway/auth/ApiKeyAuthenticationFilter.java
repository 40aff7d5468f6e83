package io.leadwire.gateway.auth;

import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriComponentsBuilder;

import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.apikey.ApiKeyFormat;
import io.leadwire.common.context.Environment;
import io.leadwire.common.context.RequestContext;
import io.leadwire.gateway.GatewayProperties;
import io.leadwire.gateway.web.GatewayErrors;
import io.leadwire.gateway.web.RequestIdWebFilter;
import io.leadwire.gateway.web.RequestLog;

/**
 * Authenticates API keys sent as {@code X-API-Key}, {@code Authorization: Bearer} or
 * {@code ?api_key=}, and Keycloak JWTs sent as {@code Authorization: Bearer}, then
 * applies company selection and on-behalf-of. A key of the wrong shape or checksum is
 * refused with no lookup. The key never travels further: its header or query parameter is
 * removed before routing.
 */
@Component
public class ApiKeyAuthenticationFilter implements WebFilter, Ordered {

	private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticationFilter.class);

	static final String API_KEY_HEADER = "X-API-Key";

	private static final String API_KEY_PARAM = "api_key";

	/**
	 * A signed-in user's choice of live or test data (see {@link #requestedEnvironment}).
	 */
	static final String ENVIRONMENT_HEADER = "X-Leadwire-Environment";

	private static final AntPathMatcher PATHS = new AntPathMatcher();

	private final KeyVerifier verifier;

	private final IdentityResolver identities;

	private final JwtAuthenticator jwts;

	private final GatewayErrors errors;

	private final List<String> publicPaths;

	ApiKeyAuthenticationFilter(KeyVerifier verifier, IdentityResolver identities, JwtAuthenticator jwts,
			GatewayErrors errors, GatewayProperties properties) {
		this.jwts = jwts;
		this.verifier = verifier;
		this.identities = identities;
		this.errors = errors;
		this.publicPaths = properties.publicPaths();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (isPublic(request.getPath().value())) {
			return chain.filter(exchange);
		}
		String key = extractKey(request);
		if (key == null) {
			exchange.getAttributes()
				.put(AuthenticationRefusal.ATTRIBUTE, new AuthenticationRefusal(401, ErrorCodes.MISSING_API_KEY,
						"An API key is required: send it in the X-API-Key header"));
			return chain.filter(exchange);
		}
		// The outcome is left in the exchange: the caller, or the refusal, which the rate
		// limiter (RateLimitFilter, right after this filter) answers. A failure
		// downstream is
		// never taken for an authentication error: those are settled before routing.
		return authenticate(exchange, key).onErrorResume(AuthenticationRefusal.class, (refusal) -> {
			exchange.getAttributes().put(AuthenticationRefusal.ATTRIBUTE, refusal);
			return chain.filter(exchange).then(Mono.<Caller>empty());
		}).onErrorResume((ex) -> {
			RequestLog.of(exchange, () -> log.warn("Authentication unavailable: {}", ex.toString()));
			return this.errors
				.write(exchange, 503, ErrorCodes.SERVICE_UNAVAILABLE,
						"Authentication is temporarily unavailable; retry shortly")
				.then(Mono.<Caller>empty());
		}).flatMap((caller) -> {
			exchange.getAttributes().put(Caller.ATTRIBUTE, caller);
			ServerHttpRequest forwarded = withoutCredentials(exchange.getRequest());
			return chain
				.filter((forwarded == exchange.getRequest()) ? exchange : exchange.mutate().request(forwarded).build());
		});
	}

	private Mono<Caller> authenticate(ServerWebExchange exchange, String key) {
		String requestId = exchange.getAttribute(RequestIdWebFilter.ATTRIBUTE);
		if (JwtAuthenticator.looksLikeJwt(key)) {
			Environment requested = requestedEnvironment(exchange.getRequest());
			if (requested == null) {
				return Mono.error(new AuthenticationRefusal(400, ErrorCodes.BAD_REQUEST,
						ENVIRONMENT_HEADER + " must be live or test"));
			}
			return this.jwts.authenticate(key, requested, requestId)
				.flatMap((user) -> this.identities.apply(user, exchange.getRequest(), requestId));
		}
		Environment environment = ApiKeyFormat.parse(key);
		if (environment == null) {
			return Mono.error(AuthenticationRefusal.invalidKey());
		}
		return this.verifier.verify(ApiKeyFormat.sha256Hex(key), requestId)
			.map((verification) -> keyOwner(verification, environment))
			.flatMap((owner) -> this.identities.apply(owner, exchange.getRequest(), requestId));
	}

	/**
	 * A signed-in user (a JWT, as the console sends) acts on live data unless the request
	 * asks for test data with {@code X-Leadwire-Environment: test}: the same tenant's
	 * sandbox, as a test key would see it. A key's own environment is never overridden;
	 * for keys the header is ignored. {@code null} for a value that is neither.
	 */
	static Environment requestedEnvironment(ServerHttpRequest request) {
		String value = request.getHeaders().getFirst(ENVIRONMENT_HEADER);
		if (value == null || value.equalsIgnoreCase("live")) {
			return Environment.LIVE;
		}
		return value.equalsIgnoreCase("test") ? Environment.TEST : null;
	}

	private static Caller keyOwner(KeyVerification verification, Environment environment) {
		switch (verification.statusAt(Instant.now())) {
			case REVOKED -> throw new AuthenticationRefusal(403, ErrorCodes.API_KEY_REVOKED,
					(verification.graceEndsAt() != null)
							? "This API key was regenerated and the old secret's grace period has ended"
							: "This API key has been revoked");
			case EXPIRED ->
				throw new AuthenticationRefusal(403, ErrorCodes.API_KEY_EXPIRED, "This API key has expired");
			case UNKNOWN -> throw AuthenticationRefusal.invalidKey();
			default -> {
			}
		}
		if (verification.environment() != environment) {
			throw AuthenticationRefusal.invalidKey();
		}
		RequestContext.Scope scope = verification.isPlatformAdmin() ? RequestContext.Scope.PLATFORM_ADMIN
				: RequestContext.Scope.TENANT;
		return new Caller(scope, verification.tenantId(), verification.environment(), verification.ownerUserId(),
				verification.ownerUserId(), verification.tenantId(), verification.keyId(), verification.plan(),
				verification.rateLimitPerMinute(), verification.rateLimitPerDay(), verification.scopes());
	}

	/**
	 * Probes and metrics are served only on the management port; on the public port they
	 * are 404.
	 */
	private boolean isPublic(String path) {
		if (path.startsWith("/actuator/")) {
			return true;
		}
		for (String pattern : this.publicPaths) {
			if (PATHS.match(pattern, path)) {
				return true;
			}
		}
		return false;
	}

	static String extractKey(ServerHttpRequest request) {
		HttpHeaders headers = request.getHeaders();
		String key = headers.getFirst(API_KEY_HEADER);
		if (key != null) {
			return key.trim();
		}
		String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return authorization.substring(7).trim();
		}
		return request.getQueryParams().getFirst(API_KEY_PARAM);
	}

	/**
	 * The request without its {@code api_key} parameter. Credential headers are left out
	 * as the request leaves for the service ({@link ServiceRequestHeaders}).
	 */
	private static ServerHttpRequest withoutCredentials(ServerHttpRequest request) {
		if (request.getURI().getRawQuery() == null || !request.getQueryParams().containsKey(API_KEY_PARAM)) {
			return request;
		}
		return request.mutate()
			.uri(UriComponentsBuilder.fromUri(request.getURI()).replaceQueryParam(API_KEY_PARAM).build(true).toUri())
			.build();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 100;
	}

}
