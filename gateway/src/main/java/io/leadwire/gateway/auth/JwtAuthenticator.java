package io.leadwire.gateway.auth;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.stereotype.Component;

import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.context.Environment;
import io.leadwire.common.context.RequestContext;
import io.leadwire.gateway.GatewayProperties;

/**
 * Authenticates Keycloak JWTs of the platform UI: signature from the realm's JWKS
 * (fetched and cached by the decoder), the exact issuer, expiry. The tenant comes from
 * the {@code tenantId} claim, the user from the subject (mapped by apikey-service,
 * cached). UI users act on live data. Without a configured issuer every JWT is refused.
 */
@Component
class JwtAuthenticator {

	private final NimbusReactiveJwtDecoder decoder;

	private final AsyncCache<String, Subject> subjects;

	private final ApikeyServiceClient apikeyService;

	JwtAuthenticator(@Value("${leadwire.gateway.jwt.issuer:}") String issuer,
			@Value("${leadwire.gateway.jwt.jwk-set-uri:}") String jwkSetUri,
			@Value("${leadwire.gateway.jwt.clock-skew:30s}") Duration clockSkew, GatewayProperties properties,
			ApikeyServiceClient apikeyService) {
		if (issuer.isBlank()) {
			this.decoder = null;
		}
		else {
			String keys = jwkSetUri.isBlank() ? issuer + "/protocol/openid-connect/certs" : jwkSetUri;
			this.decoder = NimbusReactiveJwtDecoder.withJwkSetUri(keys).build();
			JwtTimestampValidator expiry = new JwtTimestampValidator(clockSkew);
			this.decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(expiry, new JwtIssuerValidator(issuer)));
		}
		this.subjects = Caffeine.newBuilder()
			.maximumSize(properties.keyCache().maximumSize())
			.expireAfterWrite(properties.keyCache().validFor())
			.buildAsync();
		this.apikeyService = apikeyService;
	}

	static boolean looksLikeJwt(String token) {
		return token.startsWith("eyJ") && token.chars().filter((c) -> c == '.').count() == 2;
	}

	Mono<Caller> authenticate(String token, Environment environment, String requestId) {
		if (this.decoder == null) {
			return Mono.error(invalid());
		}
		return this.decoder.decode(token).onErrorMap(JwtException.class, (ex) -> invalid()).flatMap((jwt) -> {
			Long tenantId = tenantId(jwt);
			if (tenantId == null || jwt.getSubject() == null) {
				return Mono.error(invalid());
			}
			return Mono
				.fromFuture(this.subjects.get(tenantId + "/" + jwt.getSubject(),
						(key, executor) -> lookUp(tenantId, jwt.getSubject(), requestId).toFuture()), true)
				.flatMap((subject) -> subject.known()
						? Mono.just(new Caller(RequestContext.Scope.TENANT, tenantId, environment, subject.userId(),
								subject.userId(), tenantId, null, subject.plan(), null, null, null))
						: Mono.error(invalid()));
		});
	}

	/** Forgets every signed-in user's cached subject (a tenant's plan changed). */
	void evictAll() {
		this.subjects.synchronous().invalidateAll();
	}

	private static Long tenantId(Jwt jwt) {
		Object claim = jwt.getClaims().get("tenantId");
		try {
			return (claim == null) ? null : Long.valueOf(claim.toString());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private Mono<Subject> lookUp(long tenantId, String subject, String requestId) {
		return this.apikeyService.post("/internal/identity/subject", new SubjectQuestion(tenantId, subject),
				Subject.class, requestId);
	}

	private static AuthenticationRefusal invalid() {
		return new AuthenticationRefusal(401, ErrorCodes.INVALID_TOKEN, "Invalid or expired token");
	}

	record SubjectQuestion(long tenantId, String subject) {
	}

	record Subject(boolean known, Long userId, String plan) {
	}

}
