package io.leadwire.gateway.limits;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.EventLoopGroupProvider;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * One Redis connection per Netty event loop of the gateway, registered on that very loop.
 * A script run for a request served by a loop is written, answered and continued on the
 * request's own thread: no hand-off to Lettuce's I/O thread and back, which on a small
 * machine costs more CPU than the script itself (docs/decisions.md, "Rate limits on the
 * request's thread").
 * <p>
 * A loop's connection opens off the event loop the first time the loop asks for it; until
 * then, and whenever it is down, {@link #on} answers {@code null} and the caller takes
 * the shared connection (or, without Redis, the per-replica fallback). A lost connection
 * is refused at once rather than queued, so a Redis outage never holds a request.
 */
@Component
public class LoopBoundRedis implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(LoopBoundRedis.class);

	/** How long a loop waits before trying again to open a connection that failed. */
	private static final long RETRY_MILLIS = 1_000;

	private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);

	private final RedisURI uri;

	private final ClientResources resources;

	private final Map<EventLoop, Binding> bindings = new ConcurrentHashMap<>();

	private volatile boolean closed;

	@Autowired
	LoopBoundRedis(LettuceConnectionFactory connections) {
		this(uriOf(connections));
	}

	/**
	 * @param uri the Redis server; {@code null} turns loop binding off (every call then
	 * takes the shared connection)
	 */
	public LoopBoundRedis(RedisURI uri) {
		this.uri = uri;
		this.resources = DefaultClientResources.builder()
			.computationThreadPoolSize(1)
			.commandLatencyRecorder(CommandLatencyRecorder.disabled())
			.build();
	}

	/**
	 * The standalone server Spring's connection factory was configured with; {@code null}
	 * for Sentinel or Cluster set-ups, which keep to the shared connection.
	 */
	static RedisURI uriOf(LettuceConnectionFactory connections) {
		if (connections.getSentinelConfiguration() != null || connections.getClusterConfiguration() != null) {
			return null;
		}
		RedisStandaloneConfiguration server = connections.getStandaloneConfiguration();
		RedisURI.Builder uri = RedisURI.builder()
			.withHost(server.getHostName())
			.withPort(server.getPort())
			.withDatabase(server.getDatabase())
			.withSsl(connections.isUseSsl());
		if (server.getPassword().isPresent()) {
			char[] password = server.getPassword().get();
			uri = (server.getUsername() != null) ? uri.withAuthentication(server.getUsername(), password)
					: uri.withPassword(password);
		}
		return uri.build();
	}

	/**
	 * The open connection registered on {@code loop}, or {@code null} when there is none
	 * (yet): the first call for a loop starts opening it, off the loop.
	 */
	public StatefulRedisConnection<byte[], byte[]> on(EventLoop loop) {
		if (this.uri == null || loop == null || this.closed) {
			return null;
		}
		Binding binding = this.bindings.get(loop);
		if (binding == null) {
			binding = this.bindings.computeIfAbsent(loop, Binding::new);
		}
		return binding.connection();
	}

	/**
	 * Runs {@code script} on {@code loop}'s connection (as {@link #on} gave it) by its
	 * SHA-1, sending the source once on {@code NOSCRIPT}, and fails with
	 * {@link RedisCommandTimeoutException} after {@code timeout}, timed by the loop
	 * itself. Commands issued on the loop are flushed together once the loop has served
	 * what it read: requests that arrived together reach Redis in one write.
	 */
	public Mono<List<Object>> run(StatefulRedisConnection<byte[], byte[]> connection, EventLoop loop, Script script,
			byte[][] keys, byte[][] args, Duration timeout) {
		Binding binding = this.bindings.get(loop);
		return Mono.create((sink) -> {
			ScheduledFuture<?> timer = loop.schedule(
					() -> sink.error(new RedisCommandTimeoutException("No answer from Redis in " + timeout)),
					timeout.toNanos(), TimeUnit.NANOSECONDS);
			BiConsumer<List<Object>, Throwable> complete = (reply, ex) -> {
				timer.cancel(false);
				if (ex != null) {
					sink.error(ex);
				}
				else {
					sink.success(reply);
				}
			};
			connection.async()
				.<List<Object>>evalsha(script.sha1(), ScriptOutputType.MULTI, keys, args)
				.whenComplete((reply, ex) -> {
					Throwable cause = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
					if (cause instanceof RedisNoScriptException) {
						connection.async()
							.<List<Object>>eval(script.source(), ScriptOutputType.MULTI, keys, args)
							.whenComplete(complete);
						binding.flushSoon(connection);
					}
					else {
						complete.accept(reply, cause);
					}
				});
			binding.flushSoon(connection);
		});
	}

	/**
	 * A Lua script's SHA-1 and source, computed once (Spring's {@code RedisScript}
	 * recomputes under a lock on every call).
	 */
	public record Script(String sha1, byte[] source) {

		public static Script of(RedisScript<?> script) {
			return new Script(script.getSha1(), script.getScriptAsString().getBytes(StandardCharsets.UTF_8));
		}

	}

	@Override
	public void destroy() {
		this.closed = true;
		for (Binding binding : this.bindings.values()) {
			binding.close();
		}
		this.resources.shutdown(0, 2, TimeUnit.SECONDS);
	}

	/** One loop's client and connection. */
	private final class Binding {

		private final EventLoop loop;

		private final AtomicBoolean opening = new AtomicBoolean();

		private volatile RedisClient client;

		private volatile StatefulRedisConnection<byte[], byte[]> connection;

		private volatile long retryAt;

		/** Touched on the loop only. */
		private boolean flushPending;

		private final Runnable flush = () -> {
			this.flushPending = false;
			StatefulRedisConnection<byte[], byte[]> current = this.connection;
			if (current != null) {
				current.flushCommands();
			}
		};

		Binding(EventLoop loop) {
			this.loop = loop;
		}

		StatefulRedisConnection<byte[], byte[]> connection() {
			StatefulRedisConnection<byte[], byte[]> current = this.connection;
			if (current != null) {
				return current.isOpen() ? current : null;
			}
			if (System.currentTimeMillis() >= this.retryAt && this.opening.compareAndSet(false, true)) {
				// Building the client and resolving the address may block: never on the
				// loop.
				Schedulers.boundedElastic().schedule(this::open);
			}
			return null;
		}

		/**
		 * Flushes once the loop has run what it is running now; off the loop, at once.
		 */
		void flushSoon(StatefulRedisConnection<byte[], byte[]> used) {
			if (!this.loop.inEventLoop()) {
				used.flushCommands();
			}
			else if (!this.flushPending) {
				this.flushPending = true;
				this.loop.execute(this.flush);
			}
		}

		private void open() {
			try {
				if (this.client == null) {
					this.client = RedisClient.create(LoopBoundRedis.this.resources.mutate()
						.eventLoopGroupProvider(new OneLoop(this.loop))
						.build(), LoopBoundRedis.this.uri);
					this.client.setOptions(ClientOptions.builder()
						.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
						.socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
						.timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build())
						.build());
				}
				this.client.connectAsync(ByteArrayCodec.INSTANCE, LoopBoundRedis.this.uri)
					.whenComplete((opened, ex) -> {
						if (ex != null) {
							log.debug("No Redis connection for {} yet: {}", this.loop, ex.toString());
							this.retryAt = System.currentTimeMillis() + RETRY_MILLIS;
						}
						else if (LoopBoundRedis.this.closed) {
							opened.closeAsync();
						}
						else {
							opened.setAutoFlushCommands(false);
							this.connection = opened;
						}
						this.opening.set(false);
					});
			}
			catch (RuntimeException ex) {
				log.debug("No Redis connection for {} yet: {}", this.loop, ex.toString());
				this.retryAt = System.currentTimeMillis() + RETRY_MILLIS;
				this.opening.set(false);
			}
		}

		void close() {
			StatefulRedisConnection<byte[], byte[]> current = this.connection;
			if (current != null) {
				current.close();
			}
			if (this.client != null) {
				this.client.shutdown(0, 2, TimeUnit.SECONDS);
			}
		}

	}

	/**
	 * Lends Lettuce one event loop it does not own: channels register on it, and
	 * releasing or shutting down leaves it running.
	 */
	private record OneLoop(EventLoop loop) implements EventLoopGroupProvider {

		@Override
		@SuppressWarnings("unchecked")
		public <T extends EventLoopGroup> T allocate(Class<T> type) {
			return (T) this.loop;
		}

		@Override
		public int threadPoolSize() {
			return 1;
		}

		@Override
		public Future<Boolean> release(EventExecutorGroup eventLoopGroup, long quietPeriod, long timeout,
				TimeUnit unit) {
			return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
		}

		@Override
		public Future<Boolean> shutdown(long quietPeriod, long timeout, TimeUnit unit) {
			return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
		}

	}

}
