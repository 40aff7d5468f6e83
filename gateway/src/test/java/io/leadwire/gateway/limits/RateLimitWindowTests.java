package io.leadwire.gateway.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import io.leadwire.testing.SharedInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Windows roll over at the right moment, with a clock set by the test: the minute bucket
 * refills at its rate and the day window starts again at UTC midnight. The same rules
 * hold in the Redis script and in the per-replica fallback.
 */
class RateLimitWindowTests {

	static final LettuceConnectionFactory connections = connect();

	static final SharedRateLimiter shared = new SharedRateLimiter(new ReactiveStringRedisTemplate(connections),
			new LoopBoundRedis((RedisURI) null), new RateLimitProperties(null,
					new RateLimitProperties.Ip(1200, 600, 500_000), List.of(), Duration.ofSeconds(2)),
			new SimpleMeterRegistry());

	interface Limiter {

		Decision check(Bucket bucket, Instant at);

	}

	static Stream<Limiter> limiters() {
		LocalRateLimiter local = new LocalRateLimiter();
		Limiter redis = (bucket, at) -> shared.check(List.of(bucket), null, at.toEpochMilli()).block();
		Limiter fallback = (bucket, at) -> {
			long now = at.toEpochMilli();
			return local.check(List.of(bucket), now, now / 86_400_000L, SharedRateLimiter.millisToMidnight(now));
		};
		return Stream.of(redis, fallback);
	}

	@AfterAll
	static void close() {
		connections.destroy();
	}

	@ParameterizedTest
	@MethodSource("limiters")
	void theDayWindowStartsAgainAtUtcMidnight(Limiter limiter) {
		Bucket bucket = new Bucket("test:" + UUID.randomUUID(), new RateLimitProperties.Limit(1000, 1000, 3));
		Instant lastSecond = Instant.parse("2026-11-23T23:59:59.000Z");
		for (int i = 0; i < 3; i++) {
			assertThat(limiter.check(bucket, lastSecond.plusMillis(i)).allowed()).isTrue();
		}
		Decision refused = limiter.check(bucket, lastSecond.plusMillis(500));
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.limit()).isEqualTo(3);
		assertThat(refused.retryAfterSeconds()).isEqualTo(1);
		assertThat(refused.resetEpochSeconds()).isEqualTo(Instant.parse("2026-11-24T00:00:00Z").getEpochSecond());

		Decision nextDay = limiter.check(bucket, Instant.parse("2026-11-24T00:00:00.050Z"));
		assertThat(nextDay.allowed()).isTrue();
		assertThat(nextDay.remaining()).isEqualTo(2);
	}

	@ParameterizedTest
	@MethodSource("limiters")
	void theMinuteBucketRefillsAtItsRateAndNeverBeyondTheBurst(Limiter limiter) {
		Bucket bucket = new Bucket("test:" + UUID.randomUUID(), new RateLimitProperties.Limit(10, 10, 500));
		Instant start = Instant.parse("2026-11-23T12:00:00Z");
		for (int i = 0; i < 10; i++) {
			assertThat(limiter.check(bucket, start).allowed()).isTrue();
		}
		Decision refused = limiter.check(bucket, start);
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.retryAfterSeconds()).isEqualTo(6);
		// 10 per minute: one request comes back every 6 s.
		assertThat(limiter.check(bucket, start.plusMillis(5_900)).allowed()).isFalse();
		assertThat(limiter.check(bucket, start.plusMillis(6_000)).allowed()).isTrue();
		assertThat(limiter.check(bucket, start.plusMillis(6_100)).allowed()).isFalse();
		// An idle hour refills to the burst, not to sixty minutes' worth.
		Instant later = start.plus(Duration.ofHours(1));
		int admitted = 0;
		for (int i = 0; i < 15; i++) {
			admitted += limiter.check(bucket, later).allowed() ? 1 : 0;
		}
		assertThat(admitted).isEqualTo(10);
	}

	@org.junit.jupiter.api.Test
	void aBucketsExpiryIsSetByItsFirstRequestOfEachUtcDayOnly() {
		Bucket bucket = new Bucket("test:" + UUID.randomUUID(), new RateLimitProperties.Limit(10, 10, 500));
		byte[] key = ("rl:" + bucket.name()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
		// Refilling 10 tokens at 10 a minute takes 60 s: kept until midnight + 60 s + 1
		// s.
		shared.check(List.of(bucket), null, Instant.parse("2026-11-23T23:00:00Z").toEpochMilli()).block();
		assertThat(ttl(key)).isBetween(3_661_000L - 5_000, 3_661_000L);
		// Later the same day: not pushed back (it would be 1,861,000 ms from 23:30).
		shared.check(List.of(bucket), null, Instant.parse("2026-11-23T23:30:00Z").toEpochMilli()).block();
		assertThat(ttl(key)).isBetween(3_661_000L - 5_000, 3_661_000L);
		// The first request of the next day sets it again.
		shared.check(List.of(bucket), null, Instant.parse("2026-11-24T00:00:30Z").toEpochMilli()).block();
		assertThat(ttl(key)).isBetween(86_431_000L - 5_000, 86_431_000L);
	}

	private static long ttl(byte[] key) {
		try (var connection = connections.getConnection()) {
			return connection.keyCommands().pTtl(key);
		}
	}

	static LettuceConnectionFactory connect() {
		java.net.URI uri = java.net.URI.create(SharedInfrastructure.get().redisUrl());
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(uri.getHost(), uri.getPort()));
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

}
