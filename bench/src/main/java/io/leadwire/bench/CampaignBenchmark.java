package io.leadwire.bench;

import java.io.BufferedWriter;
import java.nio.file.Files;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
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
import io.leadwire.testing.HttpJson;
import tools.jackson.databind.JsonNode;

/**
 * Campaigns through the real platform on the sandbox (test key), each figure beside a raw
 * baseline from the same run:
 * <ul>
 * <li>pacing: a {@code sequential} campaign at {@code -Dbench.pacing.rate=} (600) a
 * minute for {@code -Dbench.pacing.minutes=} (5), counted per minute from what the
 * sandbox received (goal: every minute within ±2 %) — beside a bare scheduler ticking at
 * the same rate in this JVM over the same minutes;</li>
 * <li>pause latency: {@code -Dbench.pauses=} (20) pauses of a running 600/min campaign,
 * each from the pause answer to the last message the sandbox received after it (p99) —
 * beside the pause call's own round trip;</li>
 * <li>throughput: {@code burst} campaigns of {@code -Dbench.burst.recipients=} (2,000)
 * recipients in all over {@code -Dbench.burst.sessions=} (4) sessions, from launch until
 * every recipient is {@code sent}, with the CPU every process spent per message — beside
 * raw Kafka produce and consume of as many records;</li>
 * <li>fairness ({@code fairness} in {@code bench.parts}, with the burst): while tenant
 * A's burst and 8 sessions of its at 2/min run, tenant B launches 20 recipients at
 * 600/min on its own session: the time until all are sent, beside B's own pace (goal:
 * within it + 2 s).</li>
 * </ul>
 */
public final class CampaignBenchmark {

	private static final Logger log = LoggerFactory.getLogger(CampaignBenchmark.class);

	private static final int RATE = Integer.getInteger("bench.pacing.rate", 600);

	private static final int MINUTES = Integer.getInteger("bench.pacing.minutes", 5);

	private static final int PAUSES = Integer.getInteger("bench.pauses", 20);

	private static final int BURST = Integer.getInteger("bench.burst.recipients", 2000);

	/** Which parts to run: {@code pacing,pauses,burst} (all by default). */
	private static final String PARTS = System.getProperty("bench.parts", "pacing,pauses,burst");

	private static final int BURST_SESSIONS = Integer.getInteger("bench.burst.sessions", 4);

	private static final int SLOW_SESSIONS = 8;

	private static final int FAIR_RECIPIENTS = 20;

	private static final int FAIR_RATE = 600;

	private CampaignBenchmark() {
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
			HttpJson client = new HttpJson(gateway).header("X-API-Key",
					credentials.get("tenants").get(1).get("testKey").asString());
			IdCodec ids = new IdCodec(secrets.idSalt());
			MongoCollection<Document> received = mongo.getDatabase("leadwire-messaging-service")
				.getCollection("sandbox_messages");
			String session = client.post("/v1/sessions", Map.of("name", "Bench", "ratePerMinute", 6000))
				.data()
				.get("id")
				.asString();

			List<String> figures = new ArrayList<>();
			if (PARTS.contains("pacing")) {
				figures.add(pacing(client, received, ids, session));
				log.info(figures.get(figures.size() - 1));
			}
			if (PARTS.contains("pauses")) {
				figures.add(pauses(client, received, ids, session));
				log.info(figures.get(figures.size() - 1));
			}
			if (PARTS.contains("burst")) {
				// Tenant B, on the plan the benchmarks lift the rate limits of.
				HttpJson other = new HttpJson(gateway).header("X-API-Key",
						new HttpJson(gateway).header("X-API-Key", secrets.platformAdminKey())
							.post("/v1/admin/tenants",
									Map.of("name", "Tenant B", "plan", "professional", "ownerName", "Owner B",
											"ownerEmail", "owner@tenant-b.example"))
							.data()
							.get("testKey")
							.asString());
				figures.add(burst(client, other, ids, "127.0.0.1:" + settings.port("kafka")));
			}
			figures.forEach(log::info);
		}
		System.exit(0);
	}

	private static String pacing(HttpJson client, MongoCollection<Document> received, IdCodec ids, String session)
			throws Exception {
		String campaign = campaign(client, session, "Pacing", RATE * MINUTES + RATE, "sequential", RATE);
		List<Long> ticks = new CopyOnWriteArrayList<>();
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
		client.post("/v1/campaigns/" + campaign + "/launch", "");
		long campaignId = ids.decode(campaign).getAsLong();
		Instant first = awaitFirst(received, campaignId);
		scheduler.scheduleAtFixedRate(() -> ticks.add(System.currentTimeMillis()), 0, 60_000_000L / RATE,
				TimeUnit.MICROSECONDS);
		Thread.sleep(Duration.ofMinutes(MINUTES).plusSeconds(5));
		scheduler.shutdownNow();
		client.post("/v1/campaigns/" + campaign + "/cancel", "");
		List<Long> sends = new ArrayList<>();
		for (Document document : received.find(Filters.eq("campaignId", campaignId))) {
			sends.add(document.getDate("receivedAt").getTime());
		}
		return "Pacing at " + RATE + "/min over " + MINUTES + " min: " + perMinute(sends, first.toEpochMilli())
				+ "; bare scheduler in the same run: " + perMinute(ticks, ticks.get(0));
	}

	/** Counts per minute from {@code start}, the worst deviation, and the mean. */
	private static String perMinute(List<Long> times, long start) {
		int[] minutes = new int[MINUTES];
		for (long time : times) {
			int minute = (int) ((time - start) / 60_000);
			if (minute >= 0 && minute < MINUTES) {
				minutes[minute]++;
			}
		}
		double worst = 0;
		int total = 0;
		StringBuilder counts = new StringBuilder();
		for (int count : minutes) {
			worst = Math.max(worst, Math.abs(count - RATE) * 100.0 / RATE);
			total += count;
			counts.append((counts.length() > 0) ? "/" : "").append(count);
		}
		return String.format("per minute %s, worst minute %.1f %% off, mean %.1f/min", counts, worst,
				total / (double) MINUTES);
	}

	private static String pauses(HttpJson client, MongoCollection<Document> received, IdCodec ids, String session)
			throws Exception {
		String campaign = campaign(client, session, "Pauses", 2_000, "sequential", 600);
		client.post("/v1/campaigns/" + campaign + "/launch", "");
		long campaignId = ids.decode(campaign).getAsLong();
		awaitFirst(received, campaignId);
		List<Long> latencies = new ArrayList<>();
		List<Long> roundTrips = new ArrayList<>();
		for (int i = 0; i < PAUSES; i++) {
			Thread.sleep(1500);
			long asked = System.currentTimeMillis();
			client.post("/v1/campaigns/" + campaign + "/pause", "");
			long answered = System.currentTimeMillis();
			roundTrips.add(answered - asked);
			Thread.sleep(1500);
			Document last = received.find(Filters.eq("campaignId", campaignId))
				.sort(Sorts.descending("receivedAt"))
				.first();
			latencies.add(Math.max(0, last.getDate("receivedAt").getTime() - answered));
			client.post("/v1/campaigns/" + campaign + "/resume", "");
		}
		client.post("/v1/campaigns/" + campaign + "/cancel", "");
		latencies.sort(Long::compare);
		roundTrips.sort(Long::compare);
		return String.format(
				"Pause latency over %d pauses at 600/min (last send after the pause answer): p50 %d ms, p99 %d ms;"
						+ " the pause call's own round trip: p50 %d ms, p99 %d ms",
				PAUSES, latencies.get(latencies.size() / 2), latencies.get(latencies.size() - 1),
				roundTrips.get(roundTrips.size() / 2), roundTrips.get(roundTrips.size() - 1));
	}

	private static String burst(HttpJson client, HttpJson other, IdCodec ids, String bootstrap) throws Exception {
		// The sandbox's top rate: pacing off, as fast as the platform sends.
		List<String> campaigns = new ArrayList<>();
		int each = BURST / BURST_SESSIONS;
		for (int s = 0; s < BURST_SESSIONS; s++) {
			String session = client.post("/v1/sessions", Map.of("name", "Burst " + s, "ratePerMinute", 60_000))
				.data()
				.get("id")
				.asString();
			campaigns.add((each <= 10_000) ? campaign(client, session, "Burst " + s, each, "burst", 600, s * each)
					: groupCampaign(client, session, each, s * each));
		}
		List<String> slow = PARTS.contains("fairness") ? slowSessions(client) : List.of();
		String fair = PARTS.contains("fairness") ? fairCampaign(other) : null;
		Map<String, Long> cpu = CpuUse.snapshot();
		Map<String, long[]> commands = io.leadwire.launcher.WireCommands.snapshot();
		long start = System.nanoTime();
		for (String campaign : campaigns) {
			HttpJson.Response launched = client.post("/v1/campaigns/" + campaign + "/launch", "");
			if (launched.status() != 200) {
				throw new IllegalStateException(launched.body());
			}
		}
		for (String campaign : slow) {
			client.post("/v1/campaigns/" + campaign + "/launch", "");
		}
		String fairness = null;
		if (fair != null) {
			// Tenant B launches once tenant A's burst is under way.
			Thread.sleep(5_000);
			long launched = System.nanoTime();
			other.post("/v1/campaigns/" + fair + "/launch", "");
			while (other.get("/v1/campaigns/" + fair + "/analytics").data().get("sent").asLong() < FAIR_RECIPIENTS) {
				Thread.sleep(100);
				if (System.nanoTime() - launched > Duration.ofMinutes(10).toNanos()) {
					throw new IllegalStateException("tenant B's campaign did not finish in 10 minutes");
				}
			}
			double took = (System.nanoTime() - launched) / 1e9;
			double pace = (FAIR_RECIPIENTS - 1) * 60.0 / FAIR_RATE;
			fairness = String.format(
					"Fairness: tenant B's %d recipients at %d/min (own pace %.1f s) sent in %.1f s while tenant A's burst and %d slow sessions ran (goal ≤ %.1f s)",
					FAIR_RECIPIENTS, FAIR_RATE, pace, took, slow.size(), pace + 2);
			log.info(fairness);
		}
		// Until every recipient has its outcome: the sandbox refuses a few reserved
		// numbers (those ending in 9991 among the generated ones), which end failed.
		long total = (long) each * BURST_SESSIONS;
		awaitAll(client, campaigns, total, start, "sent");
		double seconds = (System.nanoTime() - start) / 1e9;
		// The CPU a message costs includes its acks: the sandbox's delivered and read
		// webhooks still on their way when the last one is sent, and what they move.
		// The measure stays open until every message read its last status.
		awaitAll(client, campaigns, total, start, "read");
		double settledSeconds = (System.nanoTime() - start) / 1e9;
		Map<String, Long> used = CpuUse.since(cpu);
		log.info("Burst: MongoDB commands per message (memory store) — {}",
				io.leadwire.launcher.WireCommands.perUnit(commands, total, 0.01));
		double rate = total / seconds;
		double raw = rawKafka(bootstrap);
		String figure = String.format(
				"Burst of %,d recipients over %d sessions, launch to all sent: %,.0f msg/s (goal ≥ 2,000); raw Kafka produce + consume of %,d records"
						+ " %,.0f/s; ratio %.3f; every ack applied (all read or failed) %.1f s after launch (the last sent at %.1f s);"
						+ " CPU per message, launch to every ack applied, %.2f ms over every process (goal ≤ 1 ms: %s)",
				total, BURST_SESSIONS, rate, BURST, raw, rate / raw, settledSeconds, seconds,
				CpuUse.totalMillisPerItem(used, total), CpuUse.perItemMicros(used, total));
		return (fairness != null) ? figure + "\n" + fairness : figure;
	}

	/**
	 * Reads the campaigns' analytics once a second, as a dashboard does, until
	 * {@code total} recipients reached {@code figure} or failed (at most an hour from
	 * {@code start}).
	 */
	private static void awaitAll(HttpJson client, List<String> campaigns, long total, long start, String figure)
			throws InterruptedException {
		long reached;
		do {
			Thread.sleep(1000);
			reached = 0;
			for (String campaign : campaigns) {
				JsonNode analytics = client.get("/v1/campaigns/" + campaign + "/analytics").data();
				reached += analytics.get(figure).asLong() + analytics.get("failed").asLong();
			}
			if (System.nanoTime() - start > Duration.ofMinutes(60).toNanos()) {
				throw new IllegalStateException("the burst's " + figure + " reached only " + reached + " in an hour");
			}
		}
		while (reached < total);
	}

	/** Tenant A's {@value #SLOW_SESSIONS} sessions at 2/min, a campaign of 10 each. */
	private static List<String> slowSessions(HttpJson client) {
		List<String> campaigns = new ArrayList<>();
		for (int s = 0; s < SLOW_SESSIONS; s++) {
			String session = client.post("/v1/sessions", Map.of("name", "Slow " + s, "ratePerMinute", 2))
				.data()
				.get("id")
				.asString();
			campaigns.add(campaign(client, session, "Slow " + s, 10, "sequential", 2, 900_000 + s * 10));
		}
		return campaigns;
	}

	/**
	 * Tenant B's campaign: {@value #FAIR_RECIPIENTS} recipients at its own session's
	 * 600/min.
	 */
	private static String fairCampaign(HttpJson other) {
		String session = other.post("/v1/sessions", Map.of("name", "Tenant B", "ratePerMinute", FAIR_RATE))
			.data()
			.get("id")
			.asString();
		return campaign(other, session, "Tenant B", FAIR_RECIPIENTS, "sequential", FAIR_RATE, 950_000);
	}

	/**
	 * A burst campaign of a group of {@code size} contacts, imported from a CSV (a phone
	 * list holds at most 10,000).
	 */
	private static String groupCampaign(HttpJson client, String session, int size, int offset) throws Exception {
		String group = client.post("/v1/contacts/groups", Map.of("name", "Burst " + size)).data().get("id").asString();
		Path csv = Files.createTempFile("burst", ".csv");
		try (BufferedWriter out = Files.newBufferedWriter(csv)) {
			out.write("name,phone\n");
			for (int i = 0; i < size; i++) {
				out.write("Customer " + i + ",2547" + "%08d".formatted((offset + i) * 10 + 1) + "\n");
			}
		}
		JsonNode state = BenchPlatform.importContacts(client, csv, Map.of("group_id", group));
		if (state.get("created").asLong() != size) {
			throw new IllegalStateException("the import created " + state.get("created") + ": " + state);
		}
		HttpJson.Response created = client.post("/v1/campaigns", Map.of("name", "Burst", "gateway_session_id", session,
				"recipient_source", "groups", "filter", Map.of("group_ids", List.of(group)), "message_content",
				Map.of("type", "text", "text", "Hello {{name}}"), "strategy", "burst", "anti_ban_enabled", false));
		if (created.status() != 201) {
			throw new IllegalStateException(created.body());
		}
		return created.data().get("id").asString();
	}

	private static double rawKafka(String bootstrap) throws Exception {
		String topic = "bench.campaign." + UUID.randomUUID();
		try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin
			.create(Map.of("bootstrap.servers", bootstrap))) {
			admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 3, (short) 1))).all().get();
		}
		String value = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"MessageDispatchRequested\","
				+ "\"tenantId\":1000020,\"environment\":\"test\",\"payload\":{\"sessionId\":1000100,"
				+ "\"campaignId\":1000200,\"recipientId\":\"1000200:+254712345678\",\"to\":\"+254712345678\","
				+ "\"type\":\"text\",\"text\":\"Hello\"}}";
		long start = System.nanoTime();
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
						StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
						ProducerConfig.ACKS_CONFIG, "all"))) {
			List<java.util.concurrent.Future<?>> acks = new ArrayList<>(BURST);
			for (int i = 0; i < BURST; i++) {
				acks.add(producer.send(new ProducerRecord<>(topic, Integer.toString(i % 16), value)));
			}
			for (java.util.concurrent.Future<?> ack : acks) {
				ack.get();
			}
		}
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG,
						"bench-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
						ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
						ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
			consumer.subscribe(List.of(topic));
			int consumed = 0;
			long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
			while (consumed < BURST) {
				consumed += consumer.poll(Duration.ofMillis(200)).count();
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("consumed only " + consumed + " of " + BURST + " records");
				}
			}
		}
		return BURST / ((System.nanoTime() - start) / 1e9);
	}

	private static String campaign(HttpJson client, String session, String name, int recipients, String strategy,
			int rate) {
		return campaign(client, session, name, recipients, strategy, rate, 0);
	}

	private static String campaign(HttpJson client, String session, String name, int recipients, String strategy,
			int rate, int offset) {
		List<String> phones = new ArrayList<>();
		for (int i = 0; i < recipients; i++) {
			phones.add("2547" + "%08d".formatted((offset + i) * 10 + 1));
		}
		HttpJson.Response created = client.post("/v1/campaigns",
				Map.of("name", name, "gateway_session_id", session, "recipient_source", "manual", "custom_recipients",
						phones, "message_content", Map.of("type", "text", "text", "Hello"), "strategy", strategy,
						"rate_per_minute", rate, "anti_ban_enabled", false));
		if (created.status() != 201) {
			throw new IllegalStateException(created.body());
		}
		return created.data().get("id").asString();
	}

	private static Instant awaitFirst(MongoCollection<Document> received, long campaignId) throws Exception {
		for (int i = 0; i < 600; i++) {
			Document first = received.find(Filters.eq("campaignId", campaignId))
				.sort(Sorts.ascending("receivedAt"))
				.first();
			if (first != null) {
				return first.getDate("receivedAt").toInstant();
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("nothing sent in a minute");
	}

}
