package io.leadwire.gateway.limits;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Every limit of a request — client address, key, tenant — checked and consumed in one
 * atomic Redis script call, so limits hold across every gateway replica. If Redis errs or
 * is slower than the configured timeout, the per-replica {@link LocalRateLimiter} decides
 * instead.
 */
@Component
public class SharedRateLimiter {

	private static final Logger log = LoggerFactory.getLogger(SharedRateLimiter.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> SCRIPT = RedisScript.of(new ClassPathResource("scripts/rate-limit.lua"),
			List.class);

	private final ReactiveStringRedisTemplate redis;

	private final RateLimitProperties properties;

	private final LocalRateLimiter fallback = new LocalRateLimiter();

	private final Counter fallbacks;

	SharedRateLimiter(ReactiveStringRedisTemplate redis, RateLimitProperties properties, MeterRegistry meters) {
		this.redis = redis;
		this.properties = properties;
		this.fallbacks = Counter.builder("leadwire.ratelimit.fallback")
			.description("Rate-limit decisions taken per replica because Redis did not answer in time")
			.register(meters);
	}

	public Mono<Decision> check(List<Bucket> buckets) {
		long now = System.currentTimeMillis();
		long dayKey = now / 86_400_000L;
		long secondsToMidnight = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC)
				- now / 1000;
		List<String> keys = new ArrayList<>(buckets.size() * 2);
		List<String> args = new ArrayList<>(2 + buckets.size() * 3);
		args.add(Long.toString(now));
		args.add(Long.toString(Math.max(1, secondsToMidnight)));
		for (Bucket bucket : buckets) {
			keys.add("rl:" + bucket.name() + ":m");
			keys.add("rl:" + bucket.name() + ":d:" + dayKey);
			args.add(Integer.toString(bucket.limit().perMinute()));
			args.add(Integer.toString(bucket.limit().burst()));
			args.add(Integer.toString(bucket.limit().perDay()));
		}
		return this.redis.execute(SCRIPT, keys, args)
			.next()
			.map((result) -> toDecision(result, now))
			.timeout(this.properties.redisTimeout())
			.onErrorResume((ex) -> {
				this.fallbacks.increment();
				log.debug("Rate limiting on this replica only: {}", ex.toString());
				return Mono.just(this.fallback.check(buckets, now, dayKey, Math.max(1, secondsToMidnight)));
			});
	}

	@SuppressWarnings("rawtypes")
	private static Decision toDecision(List result, long now) {
		return decision(number(result.get(0)) == 1, (int) number(result.get(1)), (int) number(result.get(2)),
				number(result.get(3)), number(result.get(4)), now);
	}

	static Decision decision(boolean allowed, int limit, int remaining, long resetMillis, long retryMillis, long now) {
		return new Decision(allowed, limit, remaining, (now + resetMillis + 999) / 1000,
				allowed ? 0 : Math.max(1, (retryMillis + 999) / 1000));
	}

	private static long number(Object value) {
		return (value instanceof Number number) ? number.longValue() : Long.parseLong(value.toString());
	}

	RateLimitProperties properties() {
		return this.properties;
	}

}
