package io.leadwire.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.leadwire.launcher.LauncherSettings;
import io.leadwire.launcher.LocalSecrets;
import io.leadwire.launcher.Platform;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.WebhookReceiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Webhook delivery through the real platform (launcher, gateway, every service in its own
 * JVM) to receivers with realistic latency (docs/performance.md, "Webhook delivery"):
 * {@code -Dbench.tenants=} (default 20) tenants, each with an endpoint answering after
 * 50–500 ms (one tenant in five fails its first three requests), each sending
 * {@code -Dbench.messages=} (default 40) test events at once through the API (failed
 * attempts retried after 1 s, 2 s, 5 s, …). Figures: the time from the API's 202 to the
 * receiver getting the delivery, per delivery, and deliveries a second —
 * <ul>
 * <li>alone: those tenants with nothing else going on;</li>
 * <li>beside a dead tenant: the same, while another tenant's endpoint never answers and
 * {@code -Dbench.dead=} (default 400) of its messages wait out the 10 s timeout;</li>
 * <li>alone again, once the dead tenant's endpoint is deleted (warm-up is not mistaken
 * for an effect);</li>
 * <li>raw baseline, same run: the same bodies posted straight to the same receivers by a
 * plain HTTP client at the same concurrency, timed to the receiver's arrival.</li>
 * </ul>
 * Goal: a dead tenant changes the healthy tenants' p95 by less than the smallest receiver
 * latency (50 ms).
 */
public final class WebhookDeliveryBenchmark {

	private static final Logger log = LoggerFactory.getLogger(WebhookDeliveryBenchmark.class);

	private static final int TENANTS = Integer.getInteger("bench.tenants", 20);

	private static final int MESSAGES = Integer.getInteger("bench.messages", 40);

	private static final int DEAD = Integer.getInteger("bench.dead", 400);

	/** Each tenant's pace: this many ms from one answer to its next event. */
	private static final long PACE_MS = 150;

	private WebhookDeliveryBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		LauncherSettings settings = BenchPlatform.settings("-XX:+UseSerialGC -Xmx256m",
				Map.of("SPRING_APPLICATION_JSON",
						"{\"leadwire\":{\"webhooks\":{\"test-hosts\":{\"receiver.bench\":\"127.0.0.1\"}}}}",
						// Failed attempts come back within seconds (in production: 5 s,
						// then 5 min, …),
						// so a run measures delivery, not the back-off.
						"LEADWIRE_WEBHOOKS_RETRY_SCHEDULE", "1s,2s,5s,10s,30s,60s,120s"));
		LocalSecrets secrets = LocalSecrets.ephemeral();
		List<String> lines = new ArrayList<>();
		try (Platform platform = Platform.start(settings, secrets);
				WebhookReceiver receiver = WebhookReceiver.start()) {
			String gateway = settings.gatewayUrl();
			HttpJson admin = new HttpJson(gateway).header("X-API-Key", secrets.platformAdminKey());
			admin.put("/v1/admin/plans/enterprise",
					Map.of("perMinute", 1_000_000, "burst", 1_000_000, "perDay", 1_000_000_000));
			List<Tenant> healthy = new ArrayList<>();
			for (int i = 0; i < TENANTS; i++) {
				String path = "/t" + i;
				receiver.answer(path, new WebhookReceiver.Behaviour(204, Duration.ofMillis(50 + (450L * i) / TENANTS),
						(i % 5 == 4) ? 3 : 0, 503));
				healthy.add(tenant(admin, gateway, receiver, "Bench " + i, path));
			}
			Tenant dead = tenant(admin, gateway, receiver, "Bench dead", "/dead");
			receiver.answer("/dead", new WebhookReceiver.Behaviour(204, Duration.ofSeconds(60), 0, 503));
			// Warm up the path (JIT, connections) on every endpoint.
			round(healthy, receiver, 20);

			Round alone = round(healthy, receiver, MESSAGES);
			lines.add("alone: " + alone);
			log.info(lines.get(lines.size() - 1));

			ExecutorService senders = Executors.newFixedThreadPool(8);
			List<Future<?>> deadSends = new ArrayList<>();
			for (int i = 0; i < DEAD; i++) {
				deadSends.add(senders
					.submit(() -> dead.client.post("/v1/webhooks/endpoints/" + dead.endpoint + "/test", null)));
			}
			for (Future<?> send : deadSends) {
				send.get();
			}
			senders.shutdown();
			long deadAttempts = receiver.deliveries("/dead").size();
			Round beside = round(healthy, receiver, MESSAGES);
			lines.add("beside a dead tenant (" + DEAD + " of its messages queued, " + deadAttempts
					+ " of them in flight when the round began): " + beside);
			log.info(lines.get(lines.size() - 1));

			// The dead tenant goes (its messages with it) and the first round runs again,
			// so
			// that warming up does not flatter the second.
			dead.client.delete("/v1/webhooks/endpoints/" + dead.endpoint);
			awaitNothingInFlight(settings.port("webhook-service"));
			Round after = round(healthy, receiver, MESSAGES);
			lines.add("alone again, once the dead tenant is gone: " + after);
			log.info(lines.get(lines.size() - 1));

			lines.add("raw baseline, plain HTTP client straight to the receivers, same concurrency: "
					+ raw(receiver, healthy.size() * MESSAGES));
			log.info(lines.get(lines.size() - 1));
			lines.forEach(log::info);
		}
		System.exit(0);
	}

	/**
	 * Waits until webhook-service has no request in flight (the dead endpoint's last ones
	 * have timed out), by its {@code leadwire_webhooks_in_flight} gauge.
	 */
	private static void awaitNothingInFlight(int port) {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest metrics = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
			.build();
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> http.send(metrics, HttpResponse.BodyHandlers.ofString())
				.body()
				.lines()
				.anyMatch((line) -> line.startsWith("leadwire_webhooks_in_flight") && line.endsWith(" 0.0")));
	}

	private record Tenant(HttpJson client, String endpoint, String path) {
	}

	private static Tenant tenant(HttpJson admin, String gateway, WebhookReceiver receiver, String name, String path) {
		String slug = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
		HttpJson.Response created = admin.post("/v1/admin/tenants", Map.of("name", name, "plan", "enterprise",
				"ownerName", name + " Owner", "ownerEmail", "owner@" + slug + ".example"));
		if (created.status() != 201) {
			throw new IllegalStateException("tenant: " + created.body());
		}
		HttpJson client = new HttpJson(gateway).header("X-API-Key", created.data().get("liveKey").asString());
		HttpJson.Response endpoint = client.post("/v1/webhooks/endpoints",
				Map.of("url", "http://receiver.bench:" + receiver.port() + path));
		if (endpoint.status() != 201) {
			throw new IllegalStateException("endpoint: " + endpoint.body());
		}
		receiver.trust(endpoint.data().get("secret").asString());
		return new Tenant(client, endpoint.data().get("id").asString(), path);
	}

	/** What one round measured. */
	private record Round(Percentiles latency, int deliveries, double seconds, int unverified) {

		@Override
		public String toString() {
			return String.format("API 202 to arrival %s; %d deliveries in %.1f s (%.0f/s); %d not verified",
					this.latency.millis(), this.deliveries, this.seconds, this.deliveries / this.seconds,
					this.unverified);
		}

	}

	/**
	 * Every tenant sends {@code count} test events, each {@value #PACE_MS} ms after the
	 * previous one's answer (less than its slowest endpoint drains, so the figure is the
	 * platform's delay, not a queue at the receiver); waits for all to arrive.
	 */
	private static Round round(List<Tenant> tenants, WebhookReceiver receiver, int count) throws Exception {
		Map<String, Instant> accepted = new ConcurrentHashMap<>();
		long start = System.nanoTime();
		// Each tenant's sends go at a fixed rate from a scheduler (a send that takes
		// longer
		// than the pace delays the next, as a client waiting for answers would).
		java.util.concurrent.ScheduledExecutorService pace = Executors.newScheduledThreadPool(tenants.size(),
				Thread.ofVirtual().factory());
		java.util.concurrent.CountDownLatch sent = new java.util.concurrent.CountDownLatch(tenants.size() * count);
		try {
			for (Tenant tenant : tenants) {
				java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(count);
				pace.scheduleWithFixedDelay(() -> {
					if (left.getAndDecrement() <= 0) {
						return;
					}
					JsonNode message = tenant.client.post("/v1/webhooks/endpoints/" + tenant.endpoint + "/test", null)
						.data();
					accepted.put(message.get("id").asString(), Instant.now());
					sent.countDown();
				}, 0, PACE_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
			}
			if (!sent.await(3, java.util.concurrent.TimeUnit.MINUTES)) {
				throw new IllegalStateException("the sends did not finish in 3 minutes");
			}
		}
		finally {
			pace.shutdownNow();
		}
		Map<String, WebhookReceiver.Delivery> arrived = new ConcurrentHashMap<>();
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> {
				for (Tenant tenant : tenants) {
					for (WebhookReceiver.Delivery delivery : receiver.deliveries(tenant.path)) {
						if (delivery.answered() / 100 == 2 && accepted.containsKey(delivery.id())) {
							arrived.putIfAbsent(delivery.id(), delivery);
						}
					}
				}
				return arrived.size() == accepted.size();
			});
		double seconds = (System.nanoTime() - start) / 1e9;
		Percentiles latency = new Percentiles(accepted.size());
		int unverified = 0;
		for (Map.Entry<String, WebhookReceiver.Delivery> entry : arrived.entrySet()) {
			latency.add(Duration.between(accepted.get(entry.getKey()), entry.getValue().receivedAt()).toNanos());
			if (entry.getValue().verifiedBy().values().stream().noneMatch(Boolean::booleanValue)) {
				unverified++;
			}
		}
		if (arrived.size() < accepted.size()) {
			throw new IllegalStateException((accepted.size() - arrived.size()) + " deliveries never arrived");
		}
		return new Round(latency, arrived.size(), seconds, unverified);
	}

	/**
	 * The floor: the same number of bodies posted straight to a receiver path that
	 * answers at once, 16 at a time (a tenant's share), timed request to arrival.
	 */
	private static String raw(WebhookReceiver receiver, int count) throws Exception {
		receiver.answer("/raw", new WebhookReceiver.Behaviour(204, Duration.ZERO, 0, 503));
		HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(16)).build();
		Percentiles latency = new Percentiles(count);
		long start = System.nanoTime();
		try (ExecutorService senders = Executors.newFixedThreadPool(16)) {
			List<Future<Long>> sends = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String id = "raw_" + i;
				sends.add(senders.submit(() -> {
					Instant sent = Instant.now();
					http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + "/raw"))
						.header("webhook-id", id)
						.POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"webhook.test\",\"data\":{}}"))
						.build(), HttpResponse.BodyHandlers.discarding());
					WebhookReceiver.Delivery delivery = receiver.deliveries("/raw")
						.stream()
						.filter((d) -> id.equals(d.id()))
						.findFirst()
						.orElseThrow();
					return Duration.between(sent, delivery.receivedAt()).toNanos();
				}));
			}
			for (Future<Long> send : sends) {
				latency.add(send.get());
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		return String.format("request to arrival %s; %d in %.1f s (%.0f/s)", latency.millis(), count, seconds,
				count / seconds);
	}

}
