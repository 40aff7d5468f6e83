package io.leadwire.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.InsertManyOptions;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.bson.Document;
import org.bson.RawBsonDocument;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.index.MongoPersistentEntityIndexResolver;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.leadwire.common.context.Environment;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.json.LeadwireJsonModule;
import io.leadwire.common.mongo.MongoIdAllocator;
import io.leadwire.common.importing.BatchOutcome;
import io.leadwire.common.importing.CsvImportPipeline;
import io.leadwire.common.importing.CsvScan;
import io.leadwire.common.importing.ImportBatch;
import io.leadwire.common.importing.ImportMode;
import io.leadwire.common.importing.ImportRow;
import io.leadwire.common.importing.ImportSink;
import io.leadwire.leads.importing.LeadCsvHeader;
import io.leadwire.leads.importing.MongoLeadSink;
import io.leadwire.leads.lead.LeadDraft;
import io.leadwire.leads.lead.Lead;
import io.leadwire.leads.lead.LeadStore;
import io.leadwire.common.phone.PhoneNumbers;
import tools.jackson.databind.json.JsonMapper;

/**
 * A million-row CSV import (issue 5), in one run:
 * <ol>
 * <li>the import pipeline alone (parse, map, validate, normalise phones) into a counting
 * sink;</li>
 * <li>the whole import: the upload check ({@link CsvScan}), the pipeline and
 * {@link MongoLeadSink} (key lookup, bulk insert with each lead's {@code LeadCreated} in
 * its outbox), saving progress after every batch as the service does; rows/s and the peak
 * heap of this JVM, which runs with {@code -Xmx256m};</li>
 * <li>raw unordered {@code insertMany} in batches of 1,000 of the very documents the
 * import wrote (read back, then written to a fresh server), into a bare collection and
 * into one with the leads collection's indexes.</li>
 * </ol>
 * The MongoDB wire server runs in its own JVM, started fresh for each write phase, so its
 * heap and CPU are not counted as the importer's; {@code -Dbench.backend=memory}
 * (default) or {@code h2} (the file store the local platform uses). Rows: {@code -Drows=}
 * (default 1,000,000).
 */
public final class LeadImportBenchmark {

	private static final TenantScope SCOPE = new TenantScope(4242, Environment.LIVE);

	private LeadImportBenchmark() {
	}

	/** Starts the measuring JVM with a 256 MB heap and waits for it. */
	public static void main(String[] args) throws Exception {
		long rows = Long.getLong("rows", 1_000_000);
		List<String> command = new ArrayList<>(
				List.of(javaBin(), "-Xmx256m", "-Dbench.backend=" + System.getProperty("bench.backend", "memory"),
						"-Dbench.phones=" + System.getProperty("bench.phones", "mixed")));
		String jvm = System.getProperty("bench.jvm", "");
		if (!jvm.isBlank()) {
			command.addAll(List.of(jvm.split("\\s+")));
		}
		command.addAll(List.of("-cp", classpath(), Worker.class.getName(), Long.toString(rows),
				System.getProperty("bench.only", "all")));
		Process worker = new ProcessBuilder(command).inheritIO().start();
		System.exit(worker.waitFor());
	}

	/** The phases, in a JVM of their own. */
	public static final class Worker {

		private Worker() {
		}

		public static void main(String[] args) throws Exception {
			long rows = Long.parseLong(args[0]);
			Path dir = Files
				.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "leadwire-lead-import-bench"));
			String formats = System.getProperty("bench.phones", "mixed");
			Path csv = dir.resolve("leads-" + formats + "-" + rows + ".csv");
			if (!Files.exists(csv)) {
				generate(csv, rows, formats.equals("mixed"));
			}
			print("CSV: %,d rows, %,d bytes (%s), phones: %s; MongoDB wire server backend: %s", rows, Files.size(csv),
					csv, formats, System.getProperty("bench.backend", "memory"));
			PhoneNumbers phones = new PhoneNumbers("US");

			// 1. The pipeline alone, after a warm-up pass over the same file, beside the
			// CSV parse alone (the raw baseline: what commons-csv reads per second).
			parseAlone(csv);
			double parseRate = parseAlone(csv);
			print("Raw CSV parse alone (commons-csv, no mapping or validation): %,.0f rows/s", parseRate);
			pipelineAlone(csv, phones);
			double pipelineRate = pipelineAlone(csv, phones);
			print("Pipeline alone (parse, map, validate, E.164, counting sink): %,.0f rows/s (%.2f of the raw parse)",
					pipelineRate, pipelineRate / parseRate);
			if (args.length > 1 && args[1].equals("pipeline")) {
				return;
			}

			// 2. The whole import into a fresh wire server.
			Path dump = dir.resolve("imported.bson");
			double importRate;
			List<Document> indexes;
			try (WireServer server = WireServer.start()) {
				MongoTemplate template = server.template();
				createIndexes(template);
				System.gc();
				resetHeapPeaks();
				long start = System.nanoTime();
				long counted = CsvScan.dataRows(csv);
				CsvImportPipeline.Totals totals = importAll(csv, phones, template);
				double seconds = (System.nanoTime() - start) / 1e9;
				importRate = totals.processed() / seconds;
				print("Whole import: %,d rows (%,d created, %,d failed) in %.1f s: %,.0f rows/s; peak heap %,.0f MB "
						+ "(-Xmx256m); upload check counted %,d rows", totals.processed(), totals.created(),
						totals.failed(), seconds, importRate, heapPeakBytes() / 1048576.0, counted);
				if (args.length > 1 && args[1].equals("import")) {
					return;
				}
				indexes = template.getCollection("leads").listIndexes().into(new ArrayList<>());
				long dumped = dump(template.getCollection("leads").withDocumentClass(RawBsonDocument.class), dump);
				print("Read back %,d lead documents for the raw phase", dumped);
			}

			// 3. Raw insertMany of the same documents, bare and with the same indexes.
			double bare = rawInsert(dump, List.of());
			print("Raw insertMany, bare collection: %,.0f docs/s", bare);
			double indexed = rawInsert(dump, indexes);
			print("Raw insertMany, with the leads indexes (%d): %,.0f docs/s", indexes.size(), indexed);
			print("Import / raw: %.2f (bare), %.2f (same indexes); goal >= 0.8", importRate / bare,
					importRate / indexed);
			print("Pipeline alone: %,.0f rows/s; goal >= 100,000", pipelineRate);
		}

		private static double parseAlone(Path csv) throws IOException {
			long start = System.nanoTime();
			long records = 0;
			long cells = 0;
			try (Reader reader = reader(csv);
					CSVParser parser = CSVParser.builder().setReader(reader).setFormat(CSVFormat.RFC4180).get()) {
				for (CSVRecord record : parser) {
					records++;
					cells += record.size();
				}
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			if (cells < records) {
				throw new IllegalStateException("rows without cells");
			}
			return (records - 1) / seconds;
		}

		private static double pipelineAlone(Path csv, PhoneNumbers phones) throws IOException {
			LongAdder written = new LongAdder();
			ImportSink<LeadDraft, ImportRow<LeadDraft>> counting = new ImportSink<>() {

				@Override
				public ImportRow<LeadDraft> prepare(ImportRow<LeadDraft> row, TenantScope scope) {
					return row;
				}

				@Override
				public BatchOutcome write(ImportBatch<LeadDraft, ImportRow<LeadDraft>> batch) {
					written.add(batch.rows().size());
					return BatchOutcome.allCreated(batch.rows().size());
				}

			};
			long start = System.nanoTime();
			CsvImportPipeline.Totals totals;
			try (Reader reader = reader(csv)) {
				totals = new CsvImportPipeline().run(reader, SCOPE, ImportMode.SKIP, reading(phones),
						new CsvImportPipeline.Totals(), counting, (progress, notes) -> {
						});
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			if (written.sum() + totals.failed() != totals.processed()) {
				throw new IllegalStateException(
						"rows lost: " + written.sum() + " + " + totals.failed() + " != " + totals.processed());
			}
			print("  (%,d rows accepted, %,d refused)", written.sum(), totals.failed());
			return totals.processed() / seconds;
		}

		private static CsvImportPipeline.Totals importAll(Path csv, PhoneNumbers phones, MongoTemplate template)
				throws IOException {
			JsonMapper json = JsonMapper.builder().addModule(new LeadwireJsonModule()).build();
			MongoLeadSink sink = new MongoLeadSink(new LeadStore(template),
					new MongoIdAllocator(template, "leads", 1000), json);
			Query job = Query.query(Criteria.where("_id").is(1L));
			template.getCollection("lead_imports").insertOne(new Document("_id", 1L).append("status", "running"));
			try (Reader reader = reader(csv)) {
				return new CsvImportPipeline().run(reader, SCOPE, ImportMode.SKIP, reading(phones),
						new CsvImportPipeline.Totals(), sink,
						(progress, notes) -> template.updateFirst(job,
								new Update().set("processed", progress.processed())
									.set("created", progress.created())
									.set("failed", progress.failed()),
								"lead_imports"));
			}
		}

		/** The leads service's reading of an import's header, as its imports use it. */
		private static java.util.function.Function<List<String>, io.leadwire.common.importing.CsvRows<LeadDraft>> reading(
				PhoneNumbers phones) {
			return (header) -> LeadCsvHeader.parse(header).reading(phones, SCOPE);
		}

		private static void createIndexes(MongoTemplate template) {
			IndexOperations operations = template.indexOps(Lead.class);
			new MongoPersistentEntityIndexResolver(template.getConverter().getMappingContext())
				.resolveIndexFor(Lead.class)
				.forEach(operations::createIndex);
		}

		private static long dump(MongoCollection<RawBsonDocument> leads, Path file) throws IOException {
			long count = 0;
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
					MongoCursor<RawBsonDocument> cursor = leads.find().batchSize(1000).iterator()) {
				while (cursor.hasNext()) {
					ByteBuffer bytes = cursor.next().getByteBuffer().asNIO();
					byte[] copy = new byte[bytes.remaining()];
					bytes.get(copy);
					out.write(copy);
					count++;
				}
			}
			return count;
		}

		private static double rawInsert(Path dump, List<Document> indexes) throws IOException, InterruptedException {
			try (WireServer server = WireServer.start()) {
				MongoCollection<RawBsonDocument> leads = server.client()
					.getDatabase("leadwire_bench")
					.getCollection("leads", RawBsonDocument.class);
				for (Document index : indexes) {
					if (!"_id_".equals(index.getString("name"))) {
						server.client()
							.getDatabase("leadwire_bench")
							.runCommand(new Document("createIndexes", "leads").append("indexes",
									List.of(new Document("key", index.get("key")).append("name", index.get("name"))
										.append("unique", index.getBoolean("unique", false))
										.append("sparse", index.getBoolean("sparse", false)))));
					}
				}
				long count = 0;
				long start = System.nanoTime();
				try (DataInputStream in = new DataInputStream(
						new BufferedInputStream(Files.newInputStream(dump), 1 << 20))) {
					List<RawBsonDocument> batch = new ArrayList<>(1000);
					while (true) {
						RawBsonDocument document = next(in);
						if (document == null) {
							break;
						}
						batch.add(document);
						if (batch.size() == 1000) {
							leads.insertMany(batch, new InsertManyOptions().ordered(false));
							count += batch.size();
							batch = new ArrayList<>(1000);
						}
					}
					if (!batch.isEmpty()) {
						leads.insertMany(batch, new InsertManyOptions().ordered(false));
						count += batch.size();
					}
				}
				return count / ((System.nanoTime() - start) / 1e9);
			}
		}

		private static RawBsonDocument next(DataInputStream in) throws IOException {
			byte[] length = new byte[4];
			try {
				in.readFully(length);
			}
			catch (EOFException ex) {
				return null;
			}
			int size = ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getInt();
			byte[] bytes = new byte[size];
			System.arraycopy(length, 0, bytes, 0, 4);
			in.readFully(bytes, 4, size - 4);
			return new RawBsonDocument(bytes);
		}

		/**
		 * Leads as a CRM export has them: name, email, a US phone in a local format, a
		 * website, a status and two columns that become custom fields.
		 */
		/**
		 * Writes the CSV. {@code mixed}: phones as CRM exports write them, half without a
		 * {@code +} (US national, and country code without {@code +} for KE, BR, NG, IN),
		 * half with {@code +} or {@code 00} and separators; otherwise every phone is a US
		 * national number.
		 */
		private static void generate(Path csv, long rows, boolean mixed) throws IOException {
			String[] statuses = { "new", "contacted", "qualified", "" };
			try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
				out.write("Full Name,Email,Mobile,Website,Status,Company,City\n");
				for (long i = 0; i < rows; i++) {
					out.write("Lead " + i + ",lead" + i + "@example.com," + (mixed ? mixedPhone(i) : usPhone(i))
							+ ",lead" + i + ".example.com," + statuses[(int) (i % 4)] + ",Co " + (i % 5000) + ",City "
							+ (i % 300) + "\n");
				}
			}
		}

		private static String usPhone(long i) {
			return "(650) " + (220 + (i / 10_000) % 700) + "-" + String.format("%04d", i % 10_000);
		}

		private static String mixedPhone(long i) {
			String seven = String.format("%07d", i % 10_000_000);
			return switch ((int) (i % 8)) {
				case 0 -> usPhone(i);
				case 1 -> "25471" + seven;
				case 2 -> "551198" + seven;
				case 3 -> "234803" + seven;
				case 4 -> "+254 71" + seven.substring(0, 1) + " " + seven.substring(1, 4) + " " + seven.substring(4);
				case 5 -> "\"+44 7911 " + seven.substring(1) + "\"";
				case 6 -> "00 49 30 " + seven + (i % 10);
				default -> "+91-98" + seven.substring(0, 3) + "-" + (i % 10) + seven.substring(3);
			};
		}

		private static Reader reader(Path csv) throws IOException {
			return new InputStreamReader(Files.newInputStream(csv), StandardCharsets.UTF_8);
		}

		private static void resetHeapPeaks() {
			for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
				if (pool.getType() == MemoryType.HEAP) {
					pool.resetPeakUsage();
				}
			}
		}

		/**
		 * The sum of the heap pools' peaks: an upper bound of the heap in use at once.
		 */
		private static long heapPeakBytes() {
			long peak = 0;
			for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
				if (pool.getType() == MemoryType.HEAP) {
					peak += pool.getPeakUsage().getUsed();
				}
			}
			return peak;
		}

	}

	/** A MongoDB wire server (memory backend) in a JVM of its own. */
	static final class WireServer implements AutoCloseable {

		private final Process process;

		private final MongoClient client;

		private WireServer(Process process, int port) {
			this.process = process;
			this.client = MongoClients.create("mongodb://127.0.0.1:" + port);
		}

		static WireServer start() throws IOException, InterruptedException {
			int port;
			try (ServerSocket socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			Process process = new ProcessBuilder(javaBin(), "-Xmx8g", "-XX:+UseParallelGC", "-cp",
					System.getProperty("java.class.path"), ServerMain.class.getName(), Integer.toString(port),
					System.getProperty("bench.backend", "memory"))
				.redirectErrorStream(true)
				.start();
			InputStream out = process.getInputStream();
			StringBuilder line = new StringBuilder();
			for (int c = out.read(); c != -1; c = out.read()) {
				line.append((char) c);
				if (line.toString().contains("READY")) {
					break;
				}
			}
			Thread drain = new Thread(() -> {
				try {
					out.transferTo(OutputStream.nullOutputStream());
				}
				catch (IOException ex) {
					// the server is gone
				}
			});
			drain.setDaemon(true);
			drain.start();
			return new WireServer(process, port);
		}

		MongoClient client() {
			return this.client;
		}

		MongoTemplate template() {
			return new MongoTemplate(this.client, "leadwire_bench");
		}

		@Override
		public void close() throws InterruptedException {
			this.client.close();
			this.process.destroy();
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}

	}

	/** The wire server's process. */
	public static final class ServerMain {

		private ServerMain() {
		}

		public static void main(String[] args) throws InterruptedException, IOException {
			MongoBackend backend;
			if (args[1].equals("h2")) {
				Path file = Files.createTempFile("leadwire-bench-", ".mv");
				Files.delete(file);
				file.toFile().deleteOnExit();
				backend = new H2Backend(file.toString());
			}
			else {
				backend = new MemoryBackend();
			}
			MongoServer server = new MongoServer(backend);
			server.bind("127.0.0.1", Integer.parseInt(args[0]));
			System.out.println("READY");
			System.out.flush();
			Thread.currentThread().join();
		}

	}

	private static void print(String format, Object... args) {
		System.out.println(String.format(format, args));
		System.out.flush();
	}

	private static String javaBin() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/** The benchmark's classpath, also when run by exec:java in Maven's JVM. */
	private static String classpath() {
		List<String> entries = new ArrayList<>();
		for (ClassLoader loader = Thread.currentThread().getContextClassLoader(); loader != null; loader = loader
			.getParent()) {
			if (loader instanceof URLClassLoader urls) {
				for (URL url : urls.getURLs()) {
					entries.add(new File(url.getPath()).getPath());
				}
			}
		}
		return entries.isEmpty() ? System.getProperty("java.class.path") : String.join(File.pathSeparator, entries);
	}

}
