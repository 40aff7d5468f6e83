package io.leadwire.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.leadwire.common.id.IdCodec;
import io.leadwire.launcher.DemoSeeder;
import io.leadwire.launcher.LauncherSettings;
import io.leadwire.launcher.LocalSecrets;
import io.leadwire.launcher.Platform;
import io.leadwire.messaging.crypto.WebhookSignatures;
import io.leadwire.testing.HttpJson;
import tools.jackson.databind.JsonNode;

/**
 * WAHA webhook ingestion flat out, with the CPU each process spent per ack (issue 25,
 * item 8): {@code -Dbench.acks=} (20,000) signed {@code message.ack} DEVICE posts through
 * the gateway by {@code -Dbench.concurrency=} (32) clients, timed until every
 * {@code MessageDelivered} is out on {@code message.status}; CPU from each process's
 * accounting ({@code /proc}) over the same span. The raw baseline, in the same run and
 * the same way: as many signed webhooks of an event messaging ignores
 * ({@code engine.event}): the gateway, the HTTP stack, the parse, the session and the
 * signature check, and nothing stored: the floor any ack pays before its own work.
 */
public final class WebhookAckBenchmark {

	private static final Logger log = LoggerFactory.getLogger(WebhookAckBenchmark.class);

	private static final int ACKS = Integer.getInteger("bench.acks", 20_000);

	private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 32);

	private static final int WARM = Integer.getInteger("bench.warm", 5_000);

	private WebhookAckBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		LauncherSettings settings = BenchPlatform
			.settings(System.getProperty("bench.jvm", "-XX:+UseSerialGC -Xmx384m"));
		LocalSecrets secrets = LocalSecrets.ephemeral();
		try (Platform platform = Platform.start(settings, secrets);
				MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + settings.port("mongo"))) {
			String gateway = settings.gatewayUrl();
			JsonNode credentials = new DemoSeeder(gateway, secrets.platformAdminKey())
				.seedOrReuse(settings.home().resolve("credentials.json"));
			JsonNode globex = credentials.get("tenants").get(1);
			HttpJson client = new HttpJson(gateway).header("X-API-Key", globex.get("liveKey").asString());
			MessagingBenchmark.Hooks hooks = MessagingBenchmark.hooks(client, mongo, secrets);
			long sessionId = hooks.sessionId();
			String providerSession = hooks.providerSession();
			String secret = hooks.secret();
			long tenantId = new IdCodec(secrets.idSalt()).decode(globex.get("id").asString()).getAsLong();
			MongoCollection<Document> messages = mongo.getDatabase("leadwire-messaging-service")
				.getCollection("messages");
			String bootstrap = "127.0.0.1:" + settings.port("kafka");
			HttpClient http = HttpClient.newHttpClient();

			Set<Long> warm = MessagingBenchmark.sentMessages(messages, tenantId, sessionId, 2_000_000, WARM);
			log.info("warming up: {} acks and {} ignored events", WARM, WARM);
			acks(http, gateway, providerSession, secret, warm, 2_000_000, bootstrap);
			posts(http, gateway, (i) -> ignored(providerSession, i), secret, WARM);

			Set<Long> measured = MessagingBenchmark.sentMessages(messages, tenantId, sessionId, 0, ACKS);
			Map<String, Long> before = CpuUse.snapshot();
			long start = System.nanoTime();
			acks(http, gateway, providerSession, secret, measured, 0, bootstrap);
			double ackSeconds = (System.nanoTime() - start) / 1e9;
			Map<String, Long> ackCpu = CpuUse.since(before);

			before = CpuUse.snapshot();
			start = System.nanoTime();
			posts(http, gateway, (i) -> ignored(providerSession, 3_000_000 + i), secret, ACKS);
			double floorSeconds = (System.nanoTime() - start) / 1e9;
			Map<String, Long> floorCpu = CpuUse.since(before);

			log.info("Webhook ingestion, {} signed WAHA acks through the gateway, {} clients:", ACKS, CONCURRENCY);
			log.info("  acks until every MessageDelivered is out: {} acks/s; CPU per ack: {}",
					String.format("%,.0f", ACKS / ackSeconds), CpuUse.perItemMicros(ackCpu, ACKS));
			log.info("  raw baseline, signed events messaging ignores: {} posts/s; CPU per post: {}",
					String.format("%,.0f", ACKS / floorSeconds), CpuUse.perItemMicros(floorCpu, ACKS));
			long ackMessaging = ackCpu.getOrDefault("messaging-service", 0L) / ACKS / 1000;
			long floorMessaging = floorCpu.getOrDefault("messaging-service", 0L) / ACKS / 1000;
			log.info("  messaging-service: {} µs per ack against {} µs per ignored event: {} µs for the ack's own work",
					ackMessaging, floorMessaging, ackMessaging - floorMessaging);
		}
		System.exit(0);
	}

	/** Posts one signed DEVICE ack per message and waits for every MessageDelivered. */
	private static void acks(HttpClient http, String gateway, String providerSession, String secret, Set<Long> ids,
			int first, String bootstrap) throws Exception {
		try (KafkaConsumer<String, String> consumer = MessagingBenchmark.statusConsumer(bootstrap)) {
			long start = System.nanoTime();
			posts(http, gateway, (i) -> MessagingBenchmark.ackBody(providerSession, first + i), secret, ids.size());
			MessagingBenchmark.awaitDelivered(consumer, ids, start);
		}
	}

	/** {@code count} signed posts by {@link #CONCURRENCY} clients, each answered 200. */
	private static void posts(HttpClient http, String gateway, java.util.function.IntFunction<byte[]> body,
			String secret, int count) throws Exception {
		AtomicInteger next = new AtomicInteger();
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> running = new ArrayList<>();
			for (int c = 0; c < CONCURRENCY; c++) {
				running.add(clients.submit(() -> {
					for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
						byte[] bytes = body.apply(i);
						int status = http
							.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/webhooks/waha"))
								.header("Content-Type", "application/json")
								.header("X-Webhook-Hmac", WebhookSignatures.hmacHex("HmacSHA512", secret, bytes))
								.POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
								.build(), HttpResponse.BodyHandlers.discarding())
							.statusCode();
						if (status != 200) {
							throw new IllegalStateException("webhook answered " + status);
						}
					}
					return null;
				}));
			}
			for (Future<?> client : running) {
				client.get();
			}
		}
	}

	/** A signed event of a kind messaging does not act on, the size of an ack. */
	private static byte[] ignored(String providerSession, int i) {
		return ("{\"id\":\"evt_" + i + "\",\"timestamp\":1764410000000,\"event\":\"engine.event\"," + "\"session\":\""
				+ providerSession + "\",\"payload\":{\"id\":\"true_254110377776@c.us_BENCH" + i
				+ "\",\"from\":\"254110377776@c.us\",\"fromMe\":true,\"ack\":2,\"ackName\":\"DEVICE\"}}")
			.getBytes(StandardCharsets.UTF_8);
	}

}
