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
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
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
 * Contacts import and export of {@code -Dbench.contacts=} (default 1,000,000) contacts
 * through the real platform (launcher, gateway, contacts-service in its own JVM, the
 * MongoDB wire server in this one), each beside a raw baseline measured in the same run:
 * <ul>
 * <li>import: a CSV uploaded through the gateway, timed until its job completes, against
 * raw {@code insertMany} (batches of 1,000, unordered) of the same contacts as
 * documents;</li>
 * <li>export: {@code GET /v1/contacts/export} through the gateway, read to the end,
 * against a raw driver cursor read (batches of 1,000) of the same documents with the same
 * filter, sort and projection; contacts-service's heap is sampled every 50 ms from its
 * Prometheus endpoint during the export (its peak is printed), and the service runs with
 * {@code -Xmx128m} (the goal) by default, so an export that needed more would fail.</li>
 * </ul>
 */
public final class ContactsBenchmark {

	private static final Logger log = LoggerFactory.getLogger(ContactsBenchmark.class);

	private static final int CONTACTS = Integer.getInteger("bench.contacts", 1_000_000);

	private static final Pattern HEAP = Pattern
		.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} ([0-9.Ee+]+)$", Pattern.MULTILINE);

	private ContactsBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		LauncherSettings settings = BenchPlatform.settings("-XX:+UseSerialGC -Xmx128m");
		Path home = settings.home();
		LocalSecrets secrets = LocalSecrets.ephemeral();
		try (Platform platform = Platform.start(settings, secrets);
				MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + settings.port("mongo"))) {
			String gateway = settings.gatewayUrl();
			JsonNode credentials = new DemoSeeder(gateway, secrets.platformAdminKey())
				.seedOrReuse(home.resolve("credentials.json"));
			JsonNode globex = credentials.get("tenants").get(1);
			String key = globex.get("liveKey").asString();
			long tenantId = new IdCodec(secrets.idSalt()).decode(globex.get("id").asString()).getAsLong();
			log.info("service JVM options {}; {} contacts", settings.jvmOptions(), CONTACTS);

			Path csv = writeCsv(home.resolve("contacts.csv"));
			double importRate = importThroughGateway(gateway, key, csv);
			MongoCollection<Document> contacts = mongo.getDatabase("leadwire-contacts-service")
				.getCollection("contacts");
			double rawBare = rawInsert(mongo.getDatabase("leadwire-bench").getCollection("raw_contacts"), tenantId,
					List.of());
			double rawIndexed = rawInsert(mongo.getDatabase("leadwire-bench").getCollection("raw_contacts"), tenantId,
					contacts.listIndexes().into(new ArrayList<>()));

			String metrics = "http://127.0.0.1:" + settings.port("contacts-service") + "/actuator/prometheus";
			List<String> lines = new ArrayList<>();
			for (int round = 1; round <= Integer.getInteger("bench.rounds", 2); round++) {
				long[] peak = new long[1];
				double exportRate = exportThroughGateway(gateway, key, metrics, peak);
				double rawRead = rawRead(contacts, tenantId);
				lines.add(String.format(
						"Export round %d: %,.0f rows/s through the gateway; raw driver cursor read %,.0f rows/s; "
								+ "export/raw %.2f (goal >= 0.7); contacts-service heap peak %,d MB (goal <= 128)",
						round, exportRate, rawRead, exportRate / rawRead, peak[0] / (1024 * 1024)));
				log.info(lines.get(lines.size() - 1));
			}
			log.info(String.format(
					"Import: %,.0f rows/s through the gateway (upload to completed job); raw insertMany %,.0f rows/s "
							+ "bare, %,.0f rows/s with the contacts indexes; import/raw %.2f (bare), %.2f (same indexes)",
					importRate, rawBare, rawIndexed, importRate / rawBare, importRate / rawIndexed));
			lines.forEach(log::info);
		}
		System.exit(0);
	}

	private static Path writeCsv(Path file) throws Exception {
		try (BufferedWriter out = Files.newBufferedWriter(file)) {
			out.write("name,phone,email,tier\n");
			for (int i = 0; i < CONTACTS; i++) {
				out.write("Customer " + i + ",2547" + String.format("%08d", i) + ",c" + i + "@example.com,"
						+ ((i % 3 == 0) ? "gold" : "silver") + "\n");
			}
		}
		return file;
	}

	private static double importThroughGateway(String gateway, String key, Path csv) throws Exception {
		HttpJson client = new HttpJson(gateway).header("X-API-Key", key);
		long start = System.nanoTime();
		JsonNode job = BenchPlatform.importContacts(client, csv, Map.of());
		double seconds = (System.nanoTime() - start) / 1e9;
		if (job.get("created").asLong() != CONTACTS) {
			throw new IllegalStateException("import created " + job.get("created") + ": " + job);
		}
		return CONTACTS / seconds;
	}

	private static double rawInsert(MongoCollection<Document> collection, long tenantId, List<Document> indexes) {
		for (Document index : indexes) {
			if (!index.getString("name").equals("_id_")) {
				Document key = index.get("key", Document.class);
				com.mongodb.client.model.IndexOptions options = new com.mongodb.client.model.IndexOptions()
					.name(index.getString("name"))
					.unique(index.getBoolean("unique", false))
					.sparse(index.getBoolean("sparse", false));
				collection.createIndex(key, options);
			}
		}
		long start = System.nanoTime();
		List<Document> batch = new ArrayList<>(1000);
		Date now = new Date();
		for (int i = 0; i < CONTACTS; i++) {
			String phone = "+2547" + String.format("%08d", i);
			batch.add(new Document("_id", 9_000_000_000L + i).append("tenantId", tenantId)
				.append("environment", "LIVE")
				.append("name", "Customer " + i)
				.append("phone", phone)
				.append("phoneKey", tenantId + "|LIVE|" + phone)
				.append("email", "c" + i + "@example.com")
				.append("groupIds", List.of())
				.append("favorite", false)
				.append("optedOut", false)
				.append("customFields", new Document("tier", (i % 3 == 0) ? "gold" : "silver"))
				.append("createdAt", now)
				.append("updatedAt", now)
				.append("version", 0L));
			if (batch.size() == 1000) {
				collection.insertMany(batch, new InsertManyOptions().ordered(false));
				batch = new ArrayList<>(1000);
			}
		}
		if (!batch.isEmpty()) {
			collection.insertMany(batch, new InsertManyOptions().ordered(false));
		}
		double rate = CONTACTS / ((System.nanoTime() - start) / 1e9);
		collection.drop();
		return rate;
	}

	private static double exportThroughGateway(String gateway, String key, String metrics, long[] peak)
			throws Exception {
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicLong highest = new AtomicLong();
		HttpClient http = HttpClient.newHttpClient();
		Thread sampler = Thread.ofPlatform().daemon().start(() -> {
			while (running.get()) {
				try {
					String body = http
						.send(HttpRequest.newBuilder(URI.create(metrics)).build(), HttpResponse.BodyHandlers.ofString())
						.body();
					Matcher heap = HEAP.matcher(body);
					long used = 0;
					while (heap.find()) {
						used += (long) Double.parseDouble(heap.group(1));
					}
					highest.accumulateAndGet(used, Math::max);
					Thread.sleep(50);
				}
				catch (Exception ex) {
					return;
				}
			}
		});
		long start = System.nanoTime();
		HttpResponse<InputStream> response = http
			.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/contacts/export?format=csv"))
				.header("X-API-Key", key)
				.timeout(Duration.ofMinutes(10))
				.build(), HttpResponse.BodyHandlers.ofInputStream());
		long lines = 0;
		try (InputStream body = response.body()) {
			byte[] buffer = new byte[64 * 1024];
			for (int read = body.read(buffer); read > 0; read = body.read(buffer)) {
				for (int i = 0; i < read; i++) {
					if (buffer[i] == '\n') {
						lines++;
					}
				}
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		running.set(false);
		sampler.join();
		if (response.statusCode() != 200 || lines - 1 != CONTACTS) {
			throw new IllegalStateException("export returned " + response.statusCode() + " with " + (lines - 1)
					+ " rows, expected " + CONTACTS);
		}
		peak[0] = highest.get();
		return CONTACTS / seconds;
	}

	/** The export's query, read raw: same filter, sort, projection and batch size. */
	private static double rawRead(MongoCollection<Document> contacts, long tenantId) {
		long start = System.nanoTime();
		long rows = 0;
		long bytes = 0;
		try (MongoCursor<Document> cursor = contacts
			.find(Filters.and(Filters.eq("tenantId", tenantId), Filters.eq("environment", "LIVE"),
					Filters.eq("deletedAt", null)))
			.sort(Sorts.descending("_id"))
			.projection(Projections.exclude("outbox", "phoneKey", "tenantId", "environment", "version"))
			.batchSize(1000)
			.iterator()) {
			while (cursor.hasNext()) {
				Document contact = cursor.next();
				bytes += contact.getString("name").length();
				rows++;
			}
		}
		if (rows != CONTACTS || bytes == 0) {
			throw new IllegalStateException("raw read found " + rows);
		}
		return rows / ((System.nanoTime() - start) / 1e9);
	}

}
