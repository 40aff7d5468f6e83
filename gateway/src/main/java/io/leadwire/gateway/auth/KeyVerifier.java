package io.leadwire.gateway.auth;

import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.leadwire.gateway.GatewayProperties;

/**
 * Verifies key hashes with apikey-service, remembering answers, valid and invalid, so a
 * hot key (or a flood of one bad key) costs no call. Concurrent misses for one hash share
 * a single call. Failures are not cached: the next request asks again.
 */
@Component
public class KeyVerifier {

	private final AsyncCache<String, KeyVerification> cache;

	private final ApikeyServiceClient apikeyService;

	KeyVerifier(GatewayProperties properties, ApikeyServiceClient apikeyService) {
		GatewayProperties.KeyCache settings = properties.keyCache();
		this.cache = Caffeine.newBuilder()
			.maximumSize(settings.maximumSize())
			.expireAfter(Expiry
				.<String, KeyVerification>creating((hash, answer) -> (answer.status() == KeyVerification.Status.UNKNOWN)
						? settings.invalidFor() : settings.validFor()))
			.buildAsync();
		this.apikeyService = apikeyService;
	}

	public Mono<KeyVerification> verify(String hash, String requestId) {
		CompletableFuture<KeyVerification> answer = this.cache.get(hash,
				(key, executor) -> lookUp(key, requestId).toFuture());
		return Mono.fromFuture(answer, true);
	}

	/** Forgets a key at once (revocation events use this). */
	public void evict(String hash) {
		this.cache.synchronous().invalidate(hash);
	}

	/** Forgets every key (a tenant's plan changed: answers carry it). */
	public void evictAll() {
		this.cache.synchronous().invalidateAll();
	}

	private Mono<KeyVerification> lookUp(String hash, String requestId) {
		return this.apikeyService.post("/internal/keys/verify", java.util.Map.of("hash", hash), KeyVerification.class,
				requestId);
	}

}
