package io.leadwire.gateway.auth;

import java.util.OptionalLong;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

import io.leadwire.common.id.IdCodec;
import io.leadwire.gateway.GatewayProperties;

/**
 * Applies {@code X-Company-Id} (alias {@code companyid}) and {@code X-On-Behalf-Of}: a
 * partner acting in a client company it manages, a key acting as another user of the same
 * tenant. Answers are cached like key verifications; anything not allowed is refused with
 * 403.
 */
@Component
public class IdentityResolver {

	static final String COMPANY_HEADER = "X-Company-Id";

	static final String COMPANY_ALIAS = "companyid";

	static final String ON_BEHALF_OF_HEADER = "X-On-Behalf-Of";

	private final AsyncCache<Question, Resolution> cache;

	private final ApikeyServiceClient apikeyService;

	private final IdCodec ids;

	IdentityResolver(GatewayProperties properties, ApikeyServiceClient apikeyService, IdCodec ids) {
		this.cache = Caffeine.newBuilder()
			.maximumSize(properties.keyCache().maximumSize())
			.expireAfterWrite(properties.keyCache().validFor())
			.buildAsync();
		this.apikeyService = apikeyService;
		this.ids = ids;
	}

	/** The caller as the headers make it, or an {@link AuthenticationRefusal}. */
	Mono<Caller> apply(Caller caller, ServerHttpRequest request, String requestId) {
		String company = request.getHeaders().getFirst(COMPANY_HEADER);
		if (company == null) {
			company = request.getHeaders().getFirst(COMPANY_ALIAS);
		}
		String onBehalfOf = request.getHeaders().getFirst(ON_BEHALF_OF_HEADER);
		if (company == null && onBehalfOf == null) {
			return Mono.just(caller);
		}
		OptionalLong companyId = (company == null) ? OptionalLong.empty() : this.ids.decode(company.trim());
		if (company != null && companyId.isEmpty()) {
			return Mono
				.error(new AuthenticationRefusal(403, "forbidden_company", "This key may not act in that company"));
		}
		OptionalLong userId = (onBehalfOf == null) ? OptionalLong.empty() : this.ids.decode(onBehalfOf.trim());
		if (onBehalfOf != null && userId.isEmpty()) {
			return Mono
				.error(new AuthenticationRefusal(403, "forbidden_on_behalf_of", "This key may not act for that user"));
		}
		Question question = new Question(caller.keyTenantId(), caller.userId(),
				companyId.isPresent() ? companyId.getAsLong() : null, userId.isPresent() ? userId.getAsLong() : null);
		return Mono.fromFuture(this.cache.get(question, (key, executor) -> ask(key, requestId).toFuture()), true)
			.flatMap((resolution) -> resolution.allowed()
					? Mono.just(caller.actingIn(resolution.tenantId(), resolution.plan(), resolution.actingUserId()))
					: Mono.error(new AuthenticationRefusal(403, resolution.code(),
							(resolution.code().equals("forbidden_company")) ? "This key may not act in that company"
									: "This key may not act for that user")));
	}

	/** Forgets every answer (a tenant's plan changed: answers carry it). */
	void evictAll() {
		this.cache.synchronous().invalidateAll();
	}

	private Mono<Resolution> ask(Question question, String requestId) {
		return this.apikeyService.post("/internal/identity/resolve", question, Resolution.class, requestId);
	}

	/** Also the request body: absent headers stay null. */
	record Question(long tenantId, long userId, Long companyId, Long onBehalfOf) {
	}

	record Resolution(boolean allowed, String code, Long tenantId, String plan, Long actingUserId) {
	}

}
