package io.leadwire.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.leadwire.launcher.LauncherSettings;
import io.leadwire.launcher.LocalSecrets;
import io.leadwire.launcher.Platform;
import io.leadwire.messaging.provider.sandbox.SandboxLatency;
import io.leadwire.testing.HttpJson;

/**
 * One Cloud API number flat out (issue 25, item 8): a Cloud-like sandbox session of an
 * upgraded number ({@code LEADWIRE_SANDBOX_CLOUD_THROUGHPUT} {@code bench.throughput},
 * 1,000 a second) at its full rate, answering each send in {@code bench.latency} (250
 * ms), fed by {@code burst} campaigns of 10,000 recipients each, enough for
 * {@code bench.seconds} (60) at the rate. The figure is what the sandbox received a
 * second over those seconds from the first message on (goal ≥ 900), with the CPU every
 * process spent per message, beside a raw baseline in the same run: a bare loop keeping
 * the same number of sends in flight (throughput × latency), each a virtual thread
 * sleeping the same latency.
 */
public final class CloudSessionBenchmark {

	private static final Logger log = LoggerFactory.getLogger(CloudSessionBenchmark.class);

	private static final int THROUGHPUT = Integer.getInteger("bench.throughput", 1000);

	private static final int SECONDS = Integer.getInteger("bench.seconds", 60);

	private static final String LATENCY = System.getProperty("bench.latency", "250ms");

	private static final int PER_CAMPAIGN = 10_000;

	private CloudSessionBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		LauncherSettings settings = BenchPlatform.settings("-XX:+UseSerialGC -Xmx512m",
				Map.of("LEADWIRE_SANDBOX_SEND_LATENCY", LATENCY, "LEADWIRE_SANDBOX_CLOUD_THROUGHPUT",
						Integer.toString(THROUGHPUT)));
		LocalSecrets secrets = LocalSecrets.ephemeral();
		try (Platform platform = Platform.start(settings, secrets);
				MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + settings.port("mongo"))) {
			String gateway = settings.gatewayUrl();
			HttpJson admin = new HttpJson(gateway).header("X-API-Key", secrets.platformAdminKey());
			String key = require(admin.post("/v1/admin/tenants", Map.of("name", "Cloud bench", "plan", "professional",
					"ownerName", "Owner", "ownerEmail", "owner@cloud-bench.example")), 201)
				.data()
				.get("testKey")
				.asString();
			HttpJson client = new HttpJson(gateway).header("X-API-Key", key);
			String session = require(client.post("/v1/sessions",
					Map.of("name", "Cloud number", "provider", "cloud", "ratePerMinute", THROUGHPUT * 60)), 201)
				.data()
				.get("id")
				.asString();
			// A Cloud number's campaigns send an approved template (docs/templates.md);
			// the
			// sandbox approves test data's at once.
			String template = require(client.post("/v1/templates", Map.of("name", "bench_hello", "language", "en_US",
					"category", "UTILITY", "body", "Hello from the Cloud benchmark.")), 201)
				.data()
				.get("id")
				.asString();
			int campaigns = (int) Math.ceil((double) THROUGHPUT * SECONDS / PER_CAMPAIGN);
			List<String> ids = new ArrayList<>();
			for (int c = 0; c < campaigns; c++) {
				ids.add(campaign(client, session, template, c));
			}
			MongoCollection<Document> received = mongo.getDatabase("leadwire-messaging-service")
				.getCollection("sandbox_messages");
			long before = received.estimatedDocumentCount();
			for (String id : ids) {
				require(client.post("/v1/campaigns/" + id + "/launch", ""), 200);
			}
			log.info("{} campaigns of {} recipients launched on one Cloud-like session at {}/s, latency {}", campaigns,
					PER_CAMPAIGN, THROUGHPUT, LATENCY);
			long firstBy = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
			while (received.estimatedDocumentCount() == before) {
				if (System.nanoTime() > firstBy) {
					throw new IllegalStateException("no message reached the sandbox within 5 minutes of the launches");
				}
				Thread.sleep(50);
			}
			Map<String, Long> cpu = CpuUse.snapshot();
			long first = received.estimatedDocumentCount();
			List<Long> counts = new ArrayList<>();
			for (int s = 0; s < SECONDS; s++) {
				Thread.sleep(1000);
				counts.add(received.estimatedDocumentCount() - first);
			}
			long sent = counts.get(counts.size() - 1);
			Map<String, Long> used = CpuUse.since(cpu);
			double rate = sent / (double) SECONDS;
			double raw = rawBaseline();
			log.info("Per second (cumulative): {}", counts);
			log.info(String.format(
					"Cloud-like session at %,d/s with %s answers: %,.1f msg/s sustained over %d s (goal ≥ %,.0f); raw baseline (bare loop, %d in flight, same latency): %,.0f msg/s; ratio %.3f",
					THROUGHPUT, LATENCY, rate, SECONDS, THROUGHPUT * 0.9, inFlight(), raw, rate / raw));
			log.info(String.format("CPU per message: %.2f ms over every process (%s)",
					CpuUse.totalMillisPerItem(used, Math.max(1, sent)), CpuUse.perItemMicros(used, Math.max(1, sent))));
			for (String id : ids) {
				client.post("/v1/campaigns/" + id + "/cancel", "");
			}
		}
		System.exit(0);
	}

	private static String campaign(HttpJson client, String session, String template, int index) {
		List<String> phones = new ArrayList<>(PER_CAMPAIGN);
		for (int i = 0; i < PER_CAMPAIGN; i++) {
			phones.add("2547%02d%06d".formatted(index, i * 3 + 1));
		}
		return require(client.post("/v1/campaigns", Map.of("name", "Cloud " + index, "gateway_session_id", session,
				"recipient_source", "manual", "custom_recipients", phones, "message_content",
				Map.of("type", "template", "template_id", template), "strategy", "burst", "anti_ban_enabled", false)),
				201)
			.data()
			.get("id")
			.asString();
	}

	/** Sends a Cloud number keeps in flight at its throughput: throughput × latency. */
	private static int inFlight() {
		return (int) Math.max(1, THROUGHPUT * SandboxLatency.parse(LATENCY).p50().toMillis() / 1000);
	}

	/**
	 * The same in-flight sends as a bare loop of virtual threads sleeping the latency.
	 */
	private static double rawBaseline() throws Exception {
		SandboxLatency latency = SandboxLatency.parse(LATENCY);
		Semaphore slots = new Semaphore(inFlight());
		AtomicLong done = new AtomicLong();
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			while (System.nanoTime() < end) {
				slots.acquire();
				threads.execute(() -> {
					try {
						Thread.sleep(latency.sample());
						done.incrementAndGet();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					finally {
						slots.release();
					}
				});
			}
		}
		return done.get() / 10.0;
	}

	private static HttpJson.Response require(HttpJson.Response response, int status) {
		if (response.status() != status) {
			throw new IllegalStateException(response.status() + " " + response.body());
		}
		return response;
	}

}
