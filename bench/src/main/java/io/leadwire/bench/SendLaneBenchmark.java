package io.leadwire.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.leadwire.launcher.LauncherSettings;
import io.leadwire.launcher.LocalSecrets;
import io.leadwire.launcher.Platform;
import io.leadwire.testing.HttpJson;

/**
 * Many tenants' sessions sending at once behind a provider as slow as a real one: the
 * platform from the launcher, its sandbox answering sends in {@code bench.latency}
 * (p50/p99), {@code bench.tenants} tenants made by the platform admin, each with
 * {@code bench.sessions} WAHA-like test sessions at {@code bench.rate} a minute and one
 * campaign per session of a minute of recipients, all launched together through the
 * gateway. The figure is what the sandbox received a second while every campaign ran,
 * beside the sum of the sessions' rates and a raw baseline in the same run: a bare
 * scheduler ticking as many "sessions" at the same rate, each tick a virtual thread that
 * sleeps the same latency.
 */
public final class SendLaneBenchmark {

	private static final Logger log = LoggerFactory.getLogger(SendLaneBenchmark.class);

	private static final int TENANTS = Integer.getInteger("bench.tenants", 50);

	private static final int SESSIONS = Integer.getInteger("bench.sessions", 4);

	private static final int RATE = Integer.getInteger("bench.rate", 60);

	private static final int SECONDS = Integer.getInteger("bench.seconds", 60);

	private static final String LATENCY = System.getProperty("bench.latency", "300ms/900ms");

	private SendLaneBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		LauncherSettings settings = BenchPlatform.settings("-XX:+UseSerialGC -Xmx384m",
				Map.of("LEADWIRE_SANDBOX_SEND_LATENCY", LATENCY));
		LocalSecrets secrets = LocalSecrets.ephemeral();
		int recipients = RATE * SECONDS / 60;
		try (Platform platform = Platform.start(settings, secrets);
				MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + settings.port("mongo"));
				ExecutorService pool = Executors.newFixedThreadPool(16)) {
			String gateway = settings.gatewayUrl();
			HttpJson admin = new HttpJson(gateway).header("X-API-Key", secrets.platformAdminKey());
			List<Future<List<String[]>>> made = new ArrayList<>();
			for (int t = 0; t < TENANTS; t++) {
				int tenant = t;
				made.add(pool.submit(() -> campaigns(gateway, admin, tenant, recipients)));
			}
			List<String[]> campaigns = new ArrayList<>();
			for (Future<List<String[]>> future : made) {
				campaigns.addAll(future.get());
			}
			log.info("{} campaigns of {} recipients on {} sessions of {} tenants at {}/min; provider latency {}",
					campaigns.size(), recipients, campaigns.size(), TENANTS, RATE, LATENCY);
			MongoCollection<Document> received = mongo.getDatabase("leadwire-messaging-service")
				.getCollection("sandbox_messages");
			long before = received.estimatedDocumentCount();
			Map<String, long[]> commands = io.leadwire.launcher.WireCommands.snapshot();
			List<Future<?>> launches = new ArrayList<>();
			for (String[] campaign : campaigns) {
				launches.add(pool.submit(() -> require(new HttpJson(gateway).header("X-API-Key", campaign[0])
					.post("/v1/campaigns/" + campaign[1] + "/launch", ""), 200)));
			}
			for (Future<?> launch : launches) {
				launch.get();
			}
			long total = (long) campaigns.size() * recipients;
			double sumOfRates = campaigns.size() * RATE / 60.0;
			List<Long> counts = new ArrayList<>();
			long started = System.nanoTime();
			while (received.estimatedDocumentCount() - before < total
					&& System.nanoTime() - started < TimeUnit.SECONDS.toNanos(SECONDS * 3L)) {
				Thread.sleep(1000);
				counts.add(received.estimatedDocumentCount() - before);
			}
			double achieved = steadyRate(counts);
			double raw = rawBaseline(campaigns.size());
			log.info("Sent {} of {} in {} s", counts.get(counts.size() - 1), total, counts.size());
			log.info("Per second (cumulative): {}", counts);
			log.info("MongoDB commands per message (memory store) — {}",
					io.leadwire.launcher.WireCommands.perUnit(commands, total, 0.01));
			log.info(String.format(
					"Aggregate: %.1f msg/s achieved (steady part) against a sum of rates of %.1f msg/s: %.3f; raw baseline (bare scheduler, same sessions, same latency): %.1f msg/s (%.3f of the sum)",
					achieved, sumOfRates, achieved / sumOfRates, raw, raw / sumOfRates));
		}
		System.exit(0);
	}

	/** A tenant, its sessions and one campaign each: {@code [testKey, campaignId]}. */
	private static List<String[]> campaigns(String gateway, HttpJson admin, int tenant, int recipients) {
		HttpJson.Response created = require(admin.post("/v1/admin/tenants", Map.of("name", "Bench " + tenant, "plan",
				"professional", "ownerName", "Owner " + tenant, "ownerEmail", "owner@bench" + tenant + ".example")),
				201);
		String key = created.data().get("testKey").asString();
		HttpJson client = new HttpJson(gateway).header("X-API-Key", key);
		List<String[]> campaigns = new ArrayList<>();
		for (int s = 0; s < SESSIONS; s++) {
			String session = require(client.post("/v1/sessions", Map.of("name", "Phone " + s, "ratePerMinute", RATE)),
					201)
				.data()
				.get("id")
				.asString();
			List<String> phones = new ArrayList<>();
			for (int i = 0; i < recipients; i++) {
				phones.add("2547%02d%02d%04d".formatted(tenant % 100, s, 1000 + i));
			}
			String campaign = require(client.post("/v1/campaigns",
					Map.of("name", "Lane " + s, "gateway_session_id", session, "recipient_source", "manual",
							"custom_recipients", phones, "message_content", Map.of("type", "text", "text", "Hello"),
							"strategy", "sequential", "rate_per_minute", RATE, "anti_ban_enabled", false)),
					201)
				.data()
				.get("id")
				.asString();
			campaigns.add(new String[] { key, campaign });
		}
		return campaigns;
	}

	/**
	 * Messages a second between 10 % and 90 % of the total (the start-up of launches and
	 * the last stragglers left out).
	 */
	private static double steadyRate(List<Long> cumulative) {
		long last = cumulative.get(cumulative.size() - 1);
		int from = 0;
		while (from < cumulative.size() - 1 && cumulative.get(from) < last / 10) {
			from++;
		}
		int to = from;
		while (to < cumulative.size() - 1 && cumulative.get(to) < last * 9 / 10) {
			to++;
		}
		return (to > from) ? (cumulative.get(to) - cumulative.get(from)) / (double) (to - from) : 0;
	}

	/**
	 * The same sessions as a bare scheduler: a tick per slot, each sleeping the latency.
	 */
	private static double rawBaseline(int sessions) throws Exception {
		io.leadwire.messaging.provider.sandbox.SandboxLatency latency = io.leadwire.messaging.provider.sandbox.SandboxLatency
			.parse(LATENCY);
		ConcurrentLinkedQueue<Long> done = new ConcurrentLinkedQueue<>();
		ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
		ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
		long period = 60_000_000L / RATE;
		for (int s = 0; s < sessions; s++) {
			scheduler.scheduleAtFixedRate(() -> threads.execute(() -> {
				try {
					Thread.sleep(latency.sample());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				done.add(System.nanoTime());
			}), (long) (Math.random() * period), period, TimeUnit.MICROSECONDS);
		}
		Thread.sleep(Duration.ofSeconds(Math.min(SECONDS, 20)));
		scheduler.shutdownNow();
		threads.shutdownNow();
		List<Long> times = new ArrayList<>(done);
		Collections.sort(times);
		double span = (times.get(times.size() - 1) - times.get(0)) / 1e9;
		return times.size() / span;
	}

	private static HttpJson.Response require(HttpJson.Response response, int status) {
		if (response.status() != status) {
			throw new IllegalStateException(response.status() + " " + response.body());
		}
		return response;
	}

}
