package io.leadwire.gateway.limits;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.resources.LoopResources;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import io.leadwire.testing.SharedInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A request's rate-limit script runs on a Redis connection registered on the request's
 * own event loop, and its answer continues there; a script Redis has forgotten is sent
 * again.
 */
class LoopBoundRedisTests {

	static final LoopResources loops = LoopResources.create("loop-bound-test", 1, true);

	static final EventLoopGroup group = loops.onServer(true);

	static final LoopBoundRedis bound = new LoopBoundRedis(RedisURI.create(SharedInfrastructure.get().redisUrl()));

	static final LettuceConnectionFactory connections = RateLimitWindowTests.connect();

	static final ReactiveStringRedisTemplate shared = new ReactiveStringRedisTemplate(connections);

	static final SharedRateLimiter limiter = new SharedRateLimiter(shared, bound, new RateLimitProperties(null,
			new RateLimitProperties.Ip(1200, 600, 500_000), List.of(), Duration.ofSeconds(2)),
			new SimpleMeterRegistry());

	@AfterAll
	static void close() {
		bound.destroy();
		connections.destroy();
		loops.disposeLater().block(Duration.ofSeconds(5));
	}

	@Test
	void theScriptIsAnsweredOnTheRequestsOwnLoop() {
		EventLoop loop = group.next();
		StatefulRedisConnection<byte[], byte[]> connection = opened(loop);
		assertThat(connection.isOpen()).isTrue();
		Bucket bucket = new Bucket("test:" + UUID.randomUUID(), new RateLimitProperties.Limit(60, 2, 500));

		List<Boolean> answeredOnLoop = new java.util.ArrayList<>();
		List<Decision> decisions = new java.util.ArrayList<>();
		for (int i = 0; i < 3; i++) {
			decisions.add(onLoop(loop, () -> limiter.check(List.of(bucket), loop)
				.doOnNext((decision) -> answeredOnLoop.add(loop.inEventLoop()))));
		}

		assertThat(answeredOnLoop).containsExactly(true, true, true);
		assertThat(decisions).extracting(Decision::allowed).containsExactly(true, true, false);
		assertThat(decisions).extracting(Decision::remaining).containsExactly(1, 0, 0);
	}

	@Test
	void scriptsIssuedTogetherOnALoopAreAllAnswered() {
		EventLoop loop = group.next();
		opened(loop);
		Bucket bucket = new Bucket("test:" + UUID.randomUUID(), new RateLimitProperties.Limit(60, 5, 500));

		// Eight checks issued in one task of the loop: flushed together, answered in
		// order.
		List<Decision> decisions = onLoop(loop,
				() -> reactor.core.publisher.Flux.range(0, 8)
					.flatMapSequential((i) -> limiter.check(List.of(bucket), loop))
					.collectList());

		assertThat(decisions).extracting(Decision::allowed)
			.containsExactly(true, true, true, true, true, false, false, false);
		assertThat(decisions).extracting(Decision::remaining).containsExactly(4, 3, 2, 1, 0, 0, 0, 0);
	}

	@Test
	void aScriptRedisHasForgottenIsSentAgain() {
		EventLoop loop = group.next();
		opened(loop);
		shared.getConnectionFactory().getReactiveConnection().scriptingCommands().scriptFlush().block();
		Bucket bucket = new Bucket("test:" + UUID.randomUUID(), new RateLimitProperties.Limit(60, 5, 500));

		Decision decision = onLoop(loop, () -> limiter.check(List.of(bucket), loop));

		assertThat(decision.allowed()).isTrue();
		assertThat(decision.remaining()).isEqualTo(4);
		assertThat(shared.getConnectionFactory()
			.getReactiveConnection()
			.scriptingCommands()
			.scriptExists(LoopBoundRedis.Script.of(SharedRateLimiter.SCRIPT).sha1())
			.block()).isTrue();
	}

	@Test
	void withoutAServerNoConnectionIsOfferedAndTheSharedWayDecides() {
		LoopBoundRedis nowhere = new LoopBoundRedis(RedisURI.create("redis://127.0.0.1:1"));
		try {
			EventLoop loop = group.next();
			SharedRateLimiter limiter = new SharedRateLimiter(shared, nowhere, new RateLimitProperties(null,
					new RateLimitProperties.Ip(1200, 600, 500_000), List.of(), Duration.ofSeconds(2)),
					new SimpleMeterRegistry());
			Bucket bucket = new Bucket("test:" + UUID.randomUUID(), new RateLimitProperties.Limit(60, 5, 500));

			Decision decision = onLoop(loop, () -> limiter.check(List.of(bucket), loop));

			assertThat(decision.remaining()).isEqualTo(4);
			assertThatIllegalStateException()
				.isThrownBy(() -> Mono.fromSupplier(() -> nowhere.on(loop))
					.repeatWhenEmpty(10, (empty) -> empty.delayElements(Duration.ofMillis(50)))
					.block())
				.withMessageContaining("repeats");
		}
		finally {
			nowhere.destroy();
		}
	}

	/** Waits (at most 5 s) for the loop's connection to open. */
	private static StatefulRedisConnection<byte[], byte[]> opened(EventLoop loop) {
		return Mono.fromSupplier(() -> bound.on(loop))
			.repeatWhenEmpty(100, (empty) -> empty.delayElements(Duration.ofMillis(50)))
			.block(Duration.ofSeconds(5));
	}

	private static <T> T onLoop(EventLoop loop, java.util.function.Supplier<Mono<T>> call) {
		return Mono.defer(call).subscribeOn(Schedulers.fromExecutor(loop)).block(Duration.ofSeconds(5));
	}

}
