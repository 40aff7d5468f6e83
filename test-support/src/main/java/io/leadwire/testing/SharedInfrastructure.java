package io.leadwire.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import redis.embedded.RedisServer;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real Kafka broker (KRaft) and one MongoDB wire-protocol server per test JVM,
 * started on first use and shared by every Spring context of that JVM; stopped when the
 * JVM exits.
 */
public final class SharedInfrastructure {

	private static volatile SharedInfrastructure instance;

	private final EmbeddedKafkaKraftBroker kafka;

	private final MongoServer mongo;

	private final String mongoUri;

	private final RedisServer redis;

	private final int redisPort;

	private SharedInfrastructure() {
		this.kafka = new EmbeddedKafkaKraftBroker(1, 3);
		this.kafka.brokerProperty("auto.create.topics.enable", "true");
		this.kafka.afterPropertiesSet();
		this.mongo = new MongoServer(new MemoryBackend());
		this.mongo.bind("127.0.0.1", 0);
		InetSocketAddress address = this.mongo.getLocalAddress();
		this.mongoUri = "mongodb://127.0.0.1:" + address.getPort();
		this.redisPort = freePort();
		try {
			this.redis = RedisServer.newRedisServer()
				.port(this.redisPort)
				.bind("127.0.0.1")
				.setting("save \"\"")
				.setting("appendonly no")
				.onShutdownForceStop(true)
				.build();
			this.redis.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			awaitApplicationShutdown();
			this.mongo.shutdownNow();
			this.kafka.destroy();
			try {
				this.redis.stop();
			}
			catch (IOException ex) {
				// The process is going anyway.
			}
		}, "shared-infrastructure-stop"));
	}

	/**
	 * Shutdown hooks run at the same time; the contexts that use the broker close first,
	 * or their producers wait out their close timeout on a broker that is gone.
	 */
	private static void awaitApplicationShutdown() {
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			String name = thread.getName();
			if (name.equals("SpringApplicationShutdownHook") || name.equals("SpringContextShutdownHook")) {
				try {
					thread.join(15_000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	public static SharedInfrastructure get() {
		if (instance == null) {
			synchronized (SharedInfrastructure.class) {
				if (instance == null) {
					instance = new SharedInfrastructure();
				}
			}
		}
		return instance;
	}

	public String kafkaBootstrapServers() {
		return this.kafka.getBrokersAsString();
	}

	public String mongoUri() {
		return this.mongoUri;
	}

	public String redisUrl() {
		return "redis://127.0.0.1:" + this.redisPort;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
