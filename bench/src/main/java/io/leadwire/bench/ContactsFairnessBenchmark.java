package io.leadwire.bench;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
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
 * One tenant's heavy contacts work against another tenant's light work, through the real
 * platform (launcher, gateway, every service in its own JVM), each figure beside the same
 * light work measured alone in the same run (docs/performance.md):
 * <ul>
 * <li>imports: tenant A (Globex) uploads three {@code -Dbench.rows=} (default 30,000) row
 * files at once, then tenant B (Northwind) a 1-row file; B's upload-to-completed time
 * against the same import with nothing else running (goal ≤ 2 s);</li>
 * <li>exports: tenant A runs {@code -Dbench.exports=} (default 10) concurrent CSV exports
 * of its contacts, again as each ends (a 429 is counted and retried after 2 s, sooner
 * than its {@code Retry-After} asks); meanwhile tenant B lists its contacts and its
 * campaigns; their p99 against the same lists with nothing else running (goal ≤ 500
 * ms).</li>
 * </ul>
 */
public final class ContactsFairnessBenchmark {

	private static final Logger log = LoggerFactory.getLogger(ContactsFairnessBenchmark.class);

	private static final int ROWS = Integer.getInteger("bench.rows", 30_000);

	private static final int EXPORTS = Integer.getInteger("bench.exports", 10);

	private static final int LISTS = Integer.getInteger("bench.lists", 300);

	private ContactsFairnessBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		LauncherSettings settings = BenchPlatform.settings("-XX:+UseSerialGC -Xmx256m");
		Path home = settings.home();
		LocalSecrets secrets = LocalSecrets.ephemeral();
		List<String> lines = new ArrayList<>();
		try (Platform platform = Platform.start(settings, secrets);
				MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + settings.port("mongo"))) {
			String gateway = settings.gatewayUrl();
			JsonNode credentials = new DemoSeeder(gateway, secrets.platformAdminKey())
				.seedOrReuse(home.resolve("credentials.json"));
			String keyA = credentials.get("tenants").get(1).get("liveKey").asString();
			long tenantA = new IdCodec(secrets.idSalt()).decode(credentials.get("tenants").get(1).get("id").asString())
				.getAsLong();
			String keyB = credentials.get("partner").get("liveKey").asString();
			HttpJson a = new HttpJson(gateway).header("X-API-Key", keyA);
			HttpJson b = new HttpJson(gateway).header("X-API-Key", keyB);
			log.info("service JVM options {}; {} rows per file, {} exports", settings.jvmOptions(), ROWS, EXPORTS);
			for (int i = 0; i < 20; i++) {
				b.post("/v1/contacts", Map.of("name", "B " + i, "phone", "+2547990000" + String.format("%02d", i)));
			}

			// Imports.
			List<Double> alone = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				alone.add(oneRowImport(b, "+25479901" + String.format("%04d", i)));
			}
			List<Path> files = new ArrayList<>();
			for (int file = 0; file < 3; file++) {
				files.add(writeCsv(home.resolve("a" + file + ".csv"), file));
			}
			List<String> jobs = new ArrayList<>();
			long startA = System.nanoTime();
			for (Path file : files) {
				HttpJson.Response accepted = a.upload("/v1/contacts/import", "contacts.csv",
						HttpRequest.BodyPublishers.ofFile(file), Map.of());
				if (accepted.status() != 202) {
					throw new IllegalStateException("import refused: " + accepted.body());
				}
				jobs.add(accepted.data().get("id").asString());
			}
			double contended = oneRowImport(b, "+254799020000");
			boolean aRunning = false;
			for (String job : jobs) {
				aRunning |= !a.get("/v1/contacts/imports/" + job).data().get("status").asString().equals("completed");
			}
			for (String job : jobs) {
				await(a, "/v1/contacts/imports/" + job);
			}
			double aSeconds = (System.nanoTime() - startA) / 1e9;
			lines.add(String.format(
					"Imports: tenant B's 1-row import took %.2f s while tenant A's three %,d-row imports ran "
							+ "(A's still running when B's ended: %s; A's took %.1f s in all); the same import alone: "
							+ "%.2f / %.2f / %.2f s (goal <= 2 s)",
					contended, ROWS, aRunning, aSeconds, alone.get(0), alone.get(1), alone.get(2)));
			log.info(lines.get(lines.size() - 1));

			// Exports.
			Percentiles firstBatch = new Percentiles(5);
			MongoCollection<Document> contacts = mongo.getDatabase("leadwire-contacts-service")
				.getCollection("contacts");
			for (int i = 0; i < 5; i++) {
				long start = System.nanoTime();
				try (MongoCursor<Document> cursor = contacts
					.find(Filters.and(Filters.eq("tenantId", tenantA), Filters.eq("environment", "LIVE")))
					.sort(Sorts.descending("_id"))
					.batchSize(1000)
					.iterator()) {
					cursor.next();
				}
				firstBatch.add(System.nanoTime() - start);
			}
			Percentiles contactsAlone = lists(b, "/v1/contacts?limit=50", LISTS);
			Percentiles campaignsAlone = lists(b, "/v1/campaigns?limit=50", LISTS);
			AtomicBoolean running = new AtomicBoolean(true);
			AtomicLong exported = new AtomicLong();
			AtomicLong refused = new AtomicLong();
			AtomicLong completed = new AtomicLong();
			List<Thread> exporters = new ArrayList<>();
			for (int i = 0; i < EXPORTS; i++) {
				exporters.add(Thread.ofPlatform()
					.daemon()
					.start(() -> exportLoop(gateway, keyA, running, exported, refused, completed)));
			}
			Thread.sleep(3_000);
			long exportStart = System.nanoTime();
			long exportedBefore = exported.get();
			Percentiles contactsDuring = lists(b, "/v1/contacts?limit=50", LISTS);
			Percentiles campaignsDuring = lists(b, "/v1/campaigns?limit=50", LISTS);
			double exportSeconds = (System.nanoTime() - exportStart) / 1e9;
			long rows = exported.get() - exportedBefore;
			running.set(false);
			for (Thread exporter : exporters) {
				exporter.join(60_000);
			}
			lines.add(String
				.format("Exports: while tenant A ran %d concurrent exports of %,d contacts (%,.0f rows/s streamed, %d "
						+ "exports completed, %d answers 429), tenant B's GET /v1/contacts %s and GET /v1/campaigns "
						+ "%s; alone: contacts %s, campaigns %s (goal p99 <= 500 ms); the export's query alone, raw "
						+ "driver, to its first batch: %s", EXPORTS, 3 * ROWS, rows / exportSeconds, completed.get(),
						refused.get(), contactsDuring.tailMillis(), campaignsDuring.tailMillis(),
						contactsAlone.tailMillis(), campaignsAlone.tailMillis(), firstBatch.tailMillis()));
			log.info(lines.get(lines.size() - 1));
			lines.forEach(log::info);
		}
		System.exit(0);
	}

	/** Seconds from upload to the completed job of a 1-row import. */
	private static double oneRowImport(HttpJson client, String phone) throws Exception {
		long start = System.nanoTime();
		HttpJson.Response accepted = client.upload("/v1/contacts/import", "one.csv", "name,phone\nOne," + phone + "\n",
				Map.of());
		if (accepted.status() != 202) {
			throw new IllegalStateException("import refused: " + accepted.body());
		}
		JsonNode job = await(client, "/v1/contacts/imports/" + accepted.data().get("id").asString());
		if (job.get("created").asLong() != 1) {
			throw new IllegalStateException("the 1-row import did not create its contact: " + job);
		}
		return (System.nanoTime() - start) / 1e9;
	}

	private static JsonNode await(HttpJson client, String path) throws InterruptedException {
		while (true) {
			HttpJson.Response answer = client.get(path);
			if (answer.status() != 200) {
				throw new IllegalStateException(path + " answered " + answer.status() + ": " + answer.body());
			}
			JsonNode job = answer.data();
			String status = job.get("status").asString();
			if (status.equals("completed") || status.equals("failed")) {
				return job;
			}
			Thread.sleep(25);
		}
	}

	private static Path writeCsv(Path file, int part) throws Exception {
		try (BufferedWriter out = Files.newBufferedWriter(file)) {
			out.write("name,phone,email\n");
			for (int i = 0; i < ROWS; i++) {
				int n = part * ROWS + i;
				out.write("Customer " + n + ",2547" + String.format("%08d", n) + ",c" + n + "@example.com\n");
			}
		}
		return file;
	}

	private static Percentiles lists(HttpJson client, String path, int count) {
		Percentiles latencies = new Percentiles(count);
		for (int i = 0; i < count; i++) {
			long start = System.nanoTime();
			HttpJson.Response response = client.get(path);
			latencies.add(System.nanoTime() - start);
			if (response.status() != 200) {
				throw new IllegalStateException(path + " answered " + response.status() + ": " + response.body());
			}
		}
		return latencies;
	}

	/** Exports until told to stop, each read to its end; a 429 waits at most 2 s. */
	private static void exportLoop(String gateway, String key, AtomicBoolean running, AtomicLong rows,
			AtomicLong refused, AtomicLong completed) {
		HttpClient http = HttpClient.newHttpClient();
		byte[] buffer = new byte[64 * 1024];
		while (running.get()) {
			try {
				HttpResponse<InputStream> response = http
					.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/contacts/export?format=csv"))
						.header("X-API-Key", key)
						.timeout(Duration.ofMinutes(10))
						.build(), HttpResponse.BodyHandlers.ofInputStream());
				try (InputStream body = response.body()) {
					if (response.statusCode() == 429) {
						body.readAllBytes();
						refused.incrementAndGet();
						long wait = response.headers().firstValueAsLong("Retry-After").orElse(1);
						Thread.sleep(Math.min(wait, 2) * 1000);
						continue;
					}
					for (int read = body.read(buffer); read > 0 && running.get(); read = body.read(buffer)) {
						for (int i = 0; i < read; i++) {
							if (buffer[i] == '\n') {
								rows.incrementAndGet();
							}
						}
					}
				}
				if (running.get()) {
					completed.incrementAndGet();
				}
			}
			catch (Exception ex) {
				if (running.get()) {
					log.warn("export failed", ex);
				}
			}
		}
	}

}
