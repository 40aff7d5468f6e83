package io.leadwire.gateway.auth;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.RequestContext;
import io.leadwire.gateway.GatewayProperties;
import tools.jackson.databind.ObjectMapper;

/**
 * Verifies key hashes with apikey-service, remembering answers, valid and invalid, so a
 * hot key (or a flood of one bad key) costs no call. Concurrent misses for one hash share
 * a single call. Failures are not cached: the next request asks again.
 */
@Component
public class KeyVerifier {

	private final AsyncCache<String, KeyVerification> cache;

	private final WebClient apikeyService;

	private final ContextSigner signer;

	private final ObjectMapper json;

	KeyVerifier(GatewayProperties properties, ContextSigner signer, ObjectMapper json) {
		GatewayProperties.KeyCache settings = properties.keyCache();
		this.cache = Caffeine.newBuilder()
			.maximumSize(settings.maximumSize())
			.expireAfter(Expiry
				.<String, KeyVerification>creating((hash, answer) -> (answer.status() == KeyVerification.Status.UNKNOWN)
						? settings.invalidFor() : settings.validFor()))
			.buildAsync();
		this.apikeyService = WebClient.builder().baseUrl(properties.apikeyServiceUrl().toString()).build();
		this.signer = signer;
		this.json = json;
	}

	Mono<KeyVerification> verify(String hash, String requestId) {
		CompletableFuture<KeyVerification> answer = this.cache.get(hash,
				(key, executor) -> lookUp(key, requestId).toFuture());
		return Mono.fromFuture(answer, true);
	}

	/** Forgets a key at once (revocation events use this). */
	public void evict(String hash) {
		this.cache.synchronous().invalidate(hash);
	}

	/** The part of apikey-service's envelope the gateway reads. */
	record Answer(KeyVerification data) {
	}

	private Mono<KeyVerification> lookUp(String hash, String requestId) {
		return this.apikeyService.post()
			.uri("/internal/keys/verify")
			.contentType(MediaType.APPLICATION_JSON)
			.header(ContextSigner.HEADER, this.signer.sign(RequestContext.system(requestId)))
			.header("X-Request-Id", requestId)
			.bodyValue(java.util.Map.of("hash", hash))
			.retrieve()
			.bodyToMono(byte[].class)
			.map((body) -> this.json.readValue(body, Answer.class).data())
			.timeout(Duration.ofSeconds(5));
	}

}
