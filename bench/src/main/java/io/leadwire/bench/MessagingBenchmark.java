package io.leadwire.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.leadwire.common.id.IdCodec;
import io.leadwire.launcher.DemoSeeder;
import io.leadwire.launcher.LauncherSettings;
import io.leadwire.launcher.LocalSecrets;
import io.leadwire.launcher.Platform;
import io.leadwire.common.crypto.SecretBox;
import io.leadwire.messaging.crypto.WebhookSignatures;
import io.leadwire.testing.HttpJson;
import tools.jackson.databind.JsonNode;

/**
 * Messaging through the real platform (launcher, gateway, messaging-service in its own
 * JVM, the MongoDB wire server and Kafka in this one), each beside a raw baseline in the
 * same run:
 * <ul>
 * <li>single sends: {@code POST /v1/waha/send} through the gateway to the sandbox by
 * {@code -Dbench.concurrency=} (16) clients for {@code -Dbench.seconds=} (15) — messages
 * accepted per second and latency — against the same load on a no-op of the service (a
 * send refused before any work: {@code POST /v1/waha/send {}} → 422, the gateway, the
 * signed context and the binding only), and, for reference, {@code GET /v1/wallet};</li>
 * <li>a webhook burst: signed WAHA {@code message.ack} posts offered at three times the
 * measured send rate for {@code -Dbench.burst.seconds=} (10): how many were answered 5xx
 * (the goal: none) and how long after the burst the last {@code MessageDelivered} was
 * out;</li>
 * <li>webhook ingestion flat out: {@code -Dbench.acks=} (20,000) such posts, timed until
 * every {@code MessageDelivered} is out on {@code message.status} — against raw Kafka
 * produce of the same number of events.</li>
 * </ul>
 */
public final class MessagingBenchmark {

	private static final Logger log = LoggerFactory.getLogger(MessagingBenchmark.class);

	private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 16);

	private static final Duration MEASURE = Duration.ofSeconds(Integer.getInteger("bench.seconds", 15));

	private static final int ACKS = Integer.getInteger("bench.acks", 20_000);

	private static final int BURST_SECONDS = Integer.getInteger("bench.burst.seconds", 10);

	/** Acks of the burst are numbered from here; those of the flat-out run from 0. */
	private static final int BURST_FIRST = 1_000_000;

	private MessagingBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		LauncherSettings settings = BenchPlatform.settings("-XX:+UseSerialGC -Xmx384m");
		Path home = settings.home();
		LocalSecrets secrets = LocalSecrets.ephemeral();
		try (Platform platform = Platform.start(settings, secrets);
				MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + settings.port("mongo"))) {
			String gateway = settings.gatewayUrl();
			JsonNode credentials = new DemoSeeder(gateway, secrets.platformAdminKey())
				.seedOrReuse(home.resolve("credentials.json"));
			JsonNode globex = credentials.get("tenants").get(1);
			String key = globex.get("liveKey").asString();
			new HttpJson(gateway).header("X-API-Key", secrets.platformAdminKey())
				.post("/v1/wallet/top-up", Map.of("tenantId", globex.get("id").asString(), "credits", 50_000_000));
			HttpJson client = new HttpJson(gateway).header("X-API-Key", key);
			String session = client.post("/v1/sessions", Map.of("name", "Bench", "ratePerMinute", 6000))
				.data()
				.get("id")
				.asString();
			HttpClient http = HttpClient.newHttpClient();
			byte[] send = ("{\"session_id\":\"" + session
					+ "\",\"to\":\"254110377776\",\"type\":\"text\",\"message\":\"Hello from LeadFlux API!\"}")
				.getBytes(StandardCharsets.UTF_8);
			Supplier<HttpRequest> sends = () -> HttpRequest.newBuilder(URI.create(gateway + "/v1/waha/send"))
				.header("X-API-Key", key)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(send))
				.build();
			Supplier<HttpRequest> wallet = () -> HttpRequest.newBuilder(URI.create(gateway + "/v1/wallet"))
				.header("X-API-Key", key)
				.build();
			Supplier<HttpRequest> noop = () -> HttpRequest.newBuilder(URI.create(gateway + "/v1/waha/send"))
				.header("X-API-Key", key)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{}"))
				.build();
			log.info("warming up");
			load(http, noop, 422, Duration.ofSeconds(5));
			load(http, wallet, 200, Duration.ofSeconds(5));
			load(http, sends, 202, Duration.ofSeconds(5));
			Result baseline = load(http, noop, 422, MEASURE);
			Result read = load(http, wallet, 200, MEASURE);
			Result sent = load(http, sends, 202, MEASURE);
			String sendLine = String.format(
					"Single sends through the gateway: %,.0f accepted/s (%s); raw baseline, a no-op send (422) "
							+ "%,.0f/s (%s); sends/baseline %.2f; GET /v1/wallet %,.0f/s (%s)",
					sent.rate(), sent.latency(), baseline.rate(), baseline.latency(), sent.rate() / baseline.rate(),
					read.rate(), read.latency());
			log.info(sendLine);

			Hooks hooks = hooks(client, mongo, secrets);
			long hooksId = hooks.sessionId();
			String providerSession = hooks.providerSession();
			String secret = hooks.secret();
			long tenantId = new IdCodec(secrets.idSalt()).decode(globex.get("id").asString()).getAsLong();
			MongoCollection<Document> messages = mongo.getDatabase("leadwire-messaging-service")
				.getCollection("messages");
			String bootstrap = "127.0.0.1:" + settings.port("kafka");
			int burstRate = (int) Math.ceil(3 * sent.rate());
			Set<Long> burstIds = sentMessages(messages, tenantId, hooksId, BURST_FIRST, burstRate * BURST_SECONDS);
			Burst burst = burst(http, gateway, providerSession, secret, burstIds, burstRate, bootstrap);
			String burstLine = String.format(
					"Webhook burst at 3x the send rate: %,d acks offered at %,d/s for %d s; answered 200: %,d, "
							+ "5xx: %,d, other: %,d; last MessageDelivered out %,d ms after the burst",
					burstIds.size(), burstRate, BURST_SECONDS, burst.ok(), burst.serverErrors(), burst.other(),
					burst.lagMillis());
			log.info(burstLine);
			Set<Long> ids = sentMessages(messages, tenantId, hooksId, 0, ACKS);
			double ingest = ingest(http, gateway, providerSession, hooksId, secret, ids, bootstrap);
			double raw = rawProduce(bootstrap);
			String hookLine = String.format(
					"Webhook ingestion: %,d signed acks through the gateway to MessageDelivered out: %,.0f acks/s; "
							+ "raw Kafka produce of %,d events %,.0f events/s; ingestion/raw %.2f",
					ACKS, ingest, ACKS, raw, ingest / raw);
			log.info(sendLine);
			log.info(burstLine);
			log.info(hookLine);
		}
		System.exit(0);
	}

	record Result(double rate, String latency) {
	}

	/**
	 * A sandbox session to receive acks for, with the secret its webhooks are signed
	 * with.
	 */
	record Hooks(long sessionId, String providerSession, String secret) {
	}

	static Hooks hooks(HttpJson client, MongoClient mongo, LocalSecrets secrets) {
		String hooks = client.post("/v1/sessions", Map.of("name", "Hooks")).data().get("id").asString();
		String providerSession = "lw-" + hooks;
		Document sandbox = mongo.getDatabase("leadwire-messaging-service")
			.getCollection("sandbox_sessions")
			.find(new Document("_id", providerSession))
			.first();
		return new Hooks(new IdCodec(secrets.idSalt()).decode(hooks).getAsLong(), providerSession,
				new SecretBox(secrets.contextSecret(), "leadwire/messaging/session-secrets/v1")
					.open(sandbox.getString("secret")));
	}

	/** {@code CONCURRENCY} clients sending {@code request} for {@code duration}. */
	static Result load(HttpClient http, Supplier<HttpRequest> request, int expected, Duration duration)
			throws Exception {
		long end = System.nanoTime() + duration.toNanos();
		AtomicInteger ok = new AtomicInteger();
		List<Percentiles> latencies = new ArrayList<>();
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> running = new ArrayList<>();
			for (int c = 0; c < CONCURRENCY; c++) {
				Percentiles latency = new Percentiles(2_000_000);
				latencies.add(latency);
				running.add(clients.submit(() -> {
					while (System.nanoTime() < end) {
						long start = System.nanoTime();
						HttpResponse<Void> response = http.send(request.get(), HttpResponse.BodyHandlers.discarding());
						latency.add(System.nanoTime() - start);
						if (response.statusCode() != expected) {
							throw new IllegalStateException("status " + response.statusCode());
						}
						ok.incrementAndGet();
					}
					return null;
				}));
			}
			for (Future<?> client : running) {
				client.get();
			}
		}
		Percentiles all = new Percentiles(latencies.stream().mapToInt(Percentiles::count).sum());
		latencies.forEach(all::addAll);
		return new Result(ok.get() / (duration.toNanos() / 1e9), all.tailMillis());
	}

	/**
	 * {@code count} messages of the session (numbered from {@code first}) as the
	 * dispatcher leaves them once the provider accepted them: status sent, their provider
	 * id known.
	 */
	static Set<Long> sentMessages(MongoCollection<Document> messages, long tenantId, long sessionId, int first,
			int count) {
		Set<Long> ids = new HashSet<>();
		List<Document> batch = new ArrayList<>();
		Date now = new Date();
		for (int i = first; i < first + count; i++) {
			long id = 8_000_000_000L + i;
			ids.add(id);
			batch.add(new Document("_id", id).append("tenantId", tenantId)
				.append("environment", "LIVE")
				.append("sessionId", sessionId)
				.append("direction", "outbound")
				.append("to", "+254110377776")
				.append("type", "text")
				.append("content", new Document("message", "hi"))
				.append("status", "sent")
				.append("statusRank", 1)
				.append("statusHistory", List.of(new Document("status", "sent").append("at", now)))
				.append("providerRef", sessionId + ":BENCH" + i)
				.append("createdAt", now)
				.append("updatedAt", now));
			if (batch.size() == 1000) {
				messages.insertMany(batch, new InsertManyOptions().ordered(false));
				batch = new ArrayList<>();
			}
		}
		if (!batch.isEmpty()) {
			messages.insertMany(batch, new InsertManyOptions().ordered(false));
		}
		return ids;
	}

	record Burst(int ok, int serverErrors, int other, long lagMillis) {
	}

	/**
	 * One signed ack per message of {@code ids}, started at {@code perSecond} whatever
	 * the answers take (an open load, as providers post), then waits for every
	 * {@code MessageDelivered}.
	 */
	static Burst burst(HttpClient http, String gateway, String providerSession, String secret, Set<Long> ids,
			int perSecond, String bootstrap) throws Exception {
		AtomicInteger ok = new AtomicInteger();
		AtomicInteger serverErrors = new AtomicInteger();
		AtomicInteger other = new AtomicInteger();
		try (KafkaConsumer<String, String> consumer = statusConsumer(bootstrap)) {
			List<Long> order = ids.stream().sorted().toList();
			long start = System.nanoTime();
			long intervalNanos = 1_000_000_000L / perSecond;
			try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
				for (int n = 0; n < order.size(); n++) {
					long due = start + n * intervalNanos;
					long wait = due - System.nanoTime();
					if (wait > 0) {
						java.util.concurrent.locks.LockSupport.parkNanos(wait);
					}
					int index = (int) (order.get(n) - 8_000_000_000L);
					clients.execute(() -> {
						try {
							int status = postAck(http, gateway, providerSession, secret, index);
							(status == 200 ? ok : (status >= 500) ? serverErrors : other).incrementAndGet();
						}
						catch (Exception ex) {
							serverErrors.incrementAndGet();
						}
					});
				}
			}
			long burstEnd = System.nanoTime();
			awaitDelivered(consumer, ids, start);
			return new Burst(ok.get(), serverErrors.get(), other.get(), (System.nanoTime() - burstEnd) / 1_000_000);
		}
	}

	/** A WAHA DEVICE ack of the message the benchmark numbered {@code i}. */
	static byte[] ackBody(String providerSession, int i) {
		return ("{\"id\":\"evt_" + i + "\",\"timestamp\":1764410000000,\"event\":\"message.ack\"," + "\"session\":\""
				+ providerSession + "\",\"payload\":{\"id\":\"true_254110377776@c.us_BENCH" + i
				+ "\",\"from\":\"254110377776@c.us\",\"fromMe\":true,\"ack\":2,\"ackName\":\"DEVICE\"}}")
			.getBytes(StandardCharsets.UTF_8);
	}

	static int postAck(HttpClient http, String gateway, String providerSession, String secret, int i) throws Exception {
		byte[] body = ackBody(providerSession, i);
		return http
			.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/webhooks/waha"))
				.header("Content-Type", "application/json")
				.header("X-Webhook-Hmac", WebhookSignatures.hmacHex("HmacSHA512", secret, body))
				.POST(HttpRequest.BodyPublishers.ofByteArray(body))
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	static KafkaConsumer<String, String> statusConsumer(String bootstrap) {
		KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
		List<TopicPartition> partitions = consumer.partitionsFor("message.status")
			.stream()
			.map((partition) -> new TopicPartition(partition.topic(), partition.partition()))
			.toList();
		consumer.assign(partitions);
		consumer.seekToEnd(partitions);
		partitions.forEach(consumer::position);
		return consumer;
	}

	static void awaitDelivered(KafkaConsumer<String, String> consumer, Set<Long> ids, long start) {
		Set<Long> delivered = new HashSet<>();
		while (delivered.size() < ids.size()) {
			for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
				if (record.value().contains("\"MessageDelivered\"")) {
					long id = Long.parseLong(record.key());
					if (ids.contains(id)) {
						delivered.add(id);
					}
				}
			}
			if (System.nanoTime() - start > Duration.ofMinutes(5).toNanos()) {
				throw new IllegalStateException("only " + delivered.size() + " MessageDelivered in 5 minutes");
			}
		}
	}

	static double ingest(HttpClient http, String gateway, String providerSession, long sessionId, String secret,
			Set<Long> ids, String bootstrap) throws Exception {
		try (KafkaConsumer<String, String> consumer = statusConsumer(bootstrap)) {
			long start = System.nanoTime();
			AtomicInteger next = new AtomicInteger();
			try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
				List<Future<?>> running = new ArrayList<>();
				for (int c = 0; c < CONCURRENCY; c++) {
					running.add(clients.submit(() -> {
						for (int i = next.getAndIncrement(); i < ACKS; i = next.getAndIncrement()) {
							int status = postAck(http, gateway, providerSession, secret, i);
							if (status != 200) {
								throw new IllegalStateException("webhook answered " + status);
							}
						}
						return null;
					}));
				}
				awaitDelivered(consumer, ids, start);
				for (Future<?> client : running) {
					client.get();
				}
			}
			return ids.size() / ((System.nanoTime() - start) / 1e9);
		}
	}

	static double rawProduce(String bootstrap) throws Exception {
		try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin
			.create(Map.of("bootstrap.servers", bootstrap))) {
			admin
				.createTopics(
						List.of(new org.apache.kafka.clients.admin.NewTopic("message.status.bench", 3, (short) 1)))
				.all()
				.get();
		}
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
						StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
						ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true))) {
			String value = "{\"eventId\":\"" + UUID.randomUUID()
					+ "\",\"type\":\"MessageDelivered\",\"occurredAt\":\"2026-11-29T10:00:00Z\",\"tenantId\":1000020,"
					+ "\"environment\":\"LIVE\",\"payload\":{\"messageId\":8000000000,\"sessionId\":1000100,"
					+ "\"campaignId\":null,\"to\":\"+254110377776\",\"status\":\"delivered\",\"at\":\"2026-11-29T10:00:00Z\"}}";
			long start = System.nanoTime();
			List<CompletableFuture<?>> acks = new ArrayList<>(ACKS);
			for (int i = 0; i < ACKS; i++) {
				CompletableFuture<Object> ack = new CompletableFuture<>();
				producer.send(new ProducerRecord<>("message.status.bench", Long.toString(8_000_000_000L + i), value),
						(metadata, ex) -> {
							if (ex != null) {
								ack.completeExceptionally(ex);
							}
							else {
								ack.complete(metadata);
							}
						});
				acks.add(ack);
			}
			CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
			return ACKS / ((System.nanoTime() - start) / 1e9);
		}
	}

}
