package io.leadwire.gateway.idempotency;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.RedisSerializationContext;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.stereotype.Component;

import io.leadwire.gateway.RedisScripts;

/**
 * Idempotency records in Redis, shared by every gateway replica. A key first holds a
 * claim (a random token, short-lived so a dead replica cannot lock it for long), then the
 * first response (kept for the retention period). Only the claim's owner may settle it.
 */
@Component
class IdempotencyStore {

	private static final RedisScript<byte[]> CLAIM = RedisScripts.load("scripts/idempotency-claim.lua", byte[].class);

	private static final RedisScript<Long> SETTLE = RedisScripts.load("scripts/idempotency-settle.lua", Long.class);

	private static final byte[] NOTHING = new byte[0];

	private final ReactiveRedisTemplate<String, byte[]> redis;

	private final IdempotencyProperties properties;

	IdempotencyStore(ReactiveRedisConnectionFactory connections, IdempotencyProperties properties) {
		this.redis = new ReactiveRedisTemplate<>(connections,
				RedisSerializationContext.<String, byte[]>newSerializationContext(RedisSerializer.byteArray())
					.key(RedisSerializer.string())
					.hashKey(RedisSerializer.string())
					.build());
		this.properties = properties;
	}

	/**
	 * Claims the key for this request: empty when claimed, else what the key holds (a
	 * claim of another request, or a stored response).
	 */
	Mono<byte[]> claim(String key, byte[] token) {
		return this.redis.execute(CLAIM, List.of(key), List.of(token, bytes(this.properties.inFlight().toMillis())))
			.next()
			.timeout(this.properties.redisTimeout());
	}

	Mono<Void> store(String key, byte[] token, StoredResponse response) {
		return settle(key, token, response.encode(), this.properties.retention().toMillis());
	}

	Mono<Void> release(String key, byte[] token) {
		return settle(key, token, NOTHING, 0);
	}

	private Mono<Void> settle(String key, byte[] token, byte[] value, long millis) {
		return this.redis.execute(SETTLE, List.of(key), List.of(token, value, bytes(millis)))
			.next()
			.timeout(this.properties.redisTimeout())
			.then();
	}

	private static byte[] bytes(long number) {
		return Long.toString(number).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
	}

}
