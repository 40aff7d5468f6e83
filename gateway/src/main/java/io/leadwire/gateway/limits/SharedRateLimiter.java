package io.leadwire.gateway.limits;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import io.leadwire.gateway.RedisScripts;

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
	static final RedisScript<List> SCRIPT = RedisScripts.load("scripts/rate-limit.lua", List.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> PEEK = RedisScripts.load("scripts/rate-limit-peek.lua", List.class);

	private static final long DAY_MILLIS = 86_400_000L;

	private final ReactiveStringRedisTemplate redis;

	private final RateLimitProperties properties;

	private static final LoopBoundRedis.Script LOADED_SCRIPT = LoopBoundRedis.Script.of(SCRIPT);

	private final LoopBoundRedis loops;

	private final LocalRateLimiter fallback = new LocalRateLimiter();

	private final Counter fallbacks;

	SharedRateLimiter(ReactiveStringRedisTemplate redis, LoopBoundRedis loops, RateLimitProperties properties,
			MeterRegistry meters) {
		this.redis = redis;
		this.loops = loops;
		this.properties = properties;
		this.fallbacks = Counter.builder("leadwire.ratelimit.fallback")
			.description("Rate-limit decisions taken per replica because Redis did not answer in time")
			.register(meters);
	}

	/**
	 * Connects and loads the scripts before traffic arrives, so that the first requests
	 * after a start are not decided per replica because a cold connection was slow.
	 */
	@EventListener(ApplicationReadyEvent.class)
	public void warmUp() {
		Flux.just(SCRIPT, PEEK)
			.flatMap((script) -> this.redis.getConnectionFactory()
				.getReactiveConnection()
				.scriptingCommands()
				.scriptLoad(ByteBuffer.wrap(script.getScriptAsString().getBytes(StandardCharsets.UTF_8))))
			.timeout(Duration.ofSeconds(5))
			.doOnError((ex) -> log.warn("Redis not reachable at start; limiting per replica until it is: {}",
					ex.toString()))
			.onErrorComplete()
			.subscribe();
	}

	/**
	 * Checks and consumes {@code buckets}; {@code loop} is the event loop serving the
	 * request, whose own Redis connection is used when it has one.
	 */
	public Mono<Decision> check(List<Bucket> buckets, EventLoop loop) {
		return check(buckets, loop, System.currentTimeMillis());
	}

	Mono<Decision> check(List<Bucket> buckets, EventLoop loop, long now) {
		long dayKey = now / DAY_MILLIS;
		long millisToMidnight = millisToMidnight(now);
		String[] args = new String[3 + buckets.size() * 3];
		args[0] = Long.toString(now);
		args[1] = Long.toString(millisToMidnight);
		args[2] = Long.toString(dayKey);
		int i = 3;
		for (Bucket bucket : buckets) {
			args[i++] = Integer.toString(bucket.limit().perMinute());
			args[i++] = Integer.toString(bucket.limit().burst());
			args[i++] = Integer.toString(bucket.limit().perDay());
		}
		StatefulRedisConnection<byte[], byte[]> own = this.loops.on(loop);
		Mono<List<Object>> reply = (own != null)
				? this.loops.run(own, loop, LOADED_SCRIPT, bytes(keys(buckets)), bytes(List.of(args)),
						this.properties.redisTimeout())
				: this.redis.execute(SCRIPT, keys(buckets), List.of(args))
					.next()
					.map(SharedRateLimiter::objects)
					.timeout(this.properties.redisTimeout());
		return reply.map((result) -> toDecision(result, now)).onErrorResume((ex) -> {
			this.fallbacks.increment();
			log.debug("Rate limiting on this replica only: {}", ex.toString());
			return Mono.just(this.fallback.check(buckets, now, dayKey, millisToMidnight));
		});
	}

	@SuppressWarnings("unchecked")
	private static List<Object> objects(List<?> result) {
		return (List<Object>) result;
	}

	private static byte[][] bytes(List<String> values) {
		byte[][] bytes = new byte[values.size()][];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = values.get(i).getBytes(StandardCharsets.US_ASCII);
		}
		return bytes;
	}

	/**
	 * The buckets' state without consuming anything: one {@link BucketState} per bucket,
	 * in order.
	 */
	Mono<List<BucketState>> peek(List<Bucket> buckets, long now) {
		long dayKey = now / DAY_MILLIS;
		List<String> args = new ArrayList<>(2 + buckets.size() * 2);
		args.add(Long.toString(now));
		args.add(Long.toString(dayKey));
		for (Bucket bucket : buckets) {
			args.add(Integer.toString(bucket.limit().perMinute()));
			args.add(Integer.toString(bucket.limit().burst()));
		}
		return this.redis.execute(PEEK, keys(buckets), args)
			.next()
			.map(SharedRateLimiter::toStates)
			.timeout(this.properties.redisTimeout())
			.onErrorResume((ex) -> Mono.just(this.fallback.peek(buckets, now, dayKey)));
	}

	/** One hash per bucket: its minute tokens and its day's count. */
	private static List<String> keys(List<Bucket> buckets) {
		List<String> keys = new ArrayList<>(buckets.size());
		for (Bucket bucket : buckets) {
			keys.add("rl:" + bucket.name());
		}
		return keys;
	}

	/** Day windows are UTC days. */
	static long millisToMidnight(long now) {
		return DAY_MILLIS - now % DAY_MILLIS;
	}

	@SuppressWarnings("rawtypes")
	private static List<BucketState> toStates(List result) {
		List<BucketState> states = new ArrayList<>(result.size() / 2);
		for (int i = 0; i + 1 < result.size(); i += 2) {
			states.add(new BucketState(number(result.get(i)) / 1000.0, number(result.get(i + 1))));
		}
		return states;
	}

	private static Decision toDecision(List<Object> result, long now) {
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
