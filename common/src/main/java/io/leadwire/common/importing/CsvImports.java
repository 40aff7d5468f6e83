package io.leadwire.common.importing;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.web.multipart.MultipartFile;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.api.JobStatus;
import io.leadwire.common.api.PageRequest;
import io.leadwire.common.api.RequestIds;
import io.leadwire.common.concurrent.DaemonThreads;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.id.IdAllocator;
import io.leadwire.common.job.JobLeases;
import io.leadwire.common.job.FairTurns;
import io.leadwire.common.job.JobRunner;
import io.leadwire.common.event.EventEnvelope;
import io.leadwire.common.outbox.OutboxEvent;
import tools.jackson.databind.ObjectMapper;

/**
 * CSV imports of one kind of resource, run as jobs: the machinery every service's import
 * shares, while the service keeps its row mapping ({@link CsvRows}) and its writes
 * ({@link ImportSink}).
 * <p>
 * An upload is spooled to disk (never held in memory), checked ({@link CsvScan}: rows,
 * quotes, row length; then the header, by the service's reading), recorded as a queued
 * job in the kind's collection and answered at once; a replica claims it
 * ({@link JobRunner}: this one at once if it has a free worker) and streams it through
 * the {@link CsvImportPipeline}. Progress is checkpointed after every batch with the
 * job's lease, as absolute counts, so when a replica dies another resumes the job after
 * the last batch written, provided the spool directory is shared (a replica that cannot
 * find the upload ends the job as failed, saying so).
 *
 * @param <D> the resource's draft
 * @param <P> a row as the sink prepared it
 */
public final class CsvImports<D, P> implements AutoCloseable {

	/**
	 * Row errors kept on a job, and likewise skipped rows and warnings; {@code failed}
	 * and {@code skipped} still count every one.
	 */
	public static final int MAX_STORED_ERRORS = 1000;

	/** The service's reading of a job's header row. */
	@FunctionalInterface
	public interface Reading<D> {

		/**
		 * The rows' reading for {@code job} (its scope, region and options); a header
		 * that cannot describe the resource is a 422 naming the problem.
		 */
		CsvRows<D> of(List<String> header, ImportJob job);

	}

	private static final Logger log = LoggerFactory.getLogger(CsvImports.class);

	private static final int ATTEMPTS = 5;

	private final MongoOperations mongo;

	private final String collection;

	private final IdAllocator ids;

	private final CsvImportPipeline pipeline;

	private final ImportSink<D, P> sink;

	private final Reading<D> reading;

	private final Path spool;

	private final ExecutorService workers;

	private final JobRunner<ImportJob> runner;

	private final Duration retryDelay;

	/** Imports a replica holds at once; they take turns ({@link FairTurns}). */
	static final int MAX_HELD = 32;

	/** A tenant's imports queued or running at most: past it a new one is a 429. */
	public static final int MAX_OPEN_PER_TENANT = 5;

	private final FairTurns turns;

	/**
	 * {@code ImportCompleted} (tenants' webhooks: {@code import.completed}), written into
	 * the job's outbox in the same update that ends it, so it leaves exactly when the job
	 * ends, however the job ends and on whichever replica: the service lists the jobs'
	 * collection among its outbox collections.
	 *
	 * @param topic where the service publishes it ({@code contacts.events})
	 * @param resource what was imported ({@code contacts}, {@code leads})
	 */
	public record Completion(String topic, String resource, ObjectMapper json) {

		OutboxEvent event(ImportJob job, JobStatus status, CsvImportPipeline.Totals totals) {
			return OutboxEvent.of(this.topic, Long.toString(job.id()),
					EventEnvelope.of("ImportCompleted", job.tenantId(), job.environment(), job.requestId(),
							new Completed(job.id(), this.resource, status.name().toLowerCase(java.util.Locale.ROOT),
									totals.processed(), totals.created(), totals.updated(), totals.skipped(),
									totals.failed(), job.fileName())),
					this.json);
		}

	}

	/** {@code ImportCompleted}'s payload. */
	public record Completed(long importId, String resource, String status, long totalRows, long created, long updated,
			long skipped, long failed, String fileName) {
	}

	private final Completion completion;

	/**
	 * @param name names the threads ({@code contact-import})
	 * @param collection where the jobs are kept ({@code contact_imports})
	 * @param workers imports this replica runs at once, tenants taking turns a batch of
	 * rows at a time
	 */
	public CsvImports(String name, MongoOperations mongo, String collection, JobLeases leases, IdAllocator ids,
			Path spool, int workers, Duration retryDelay, ImportSink<D, P> sink, Reading<D> reading,
			Completion completion) throws IOException {
		this.mongo = mongo;
		this.completion = completion;
		this.collection = collection;
		this.ids = ids;
		this.sink = sink;
		this.reading = reading;
		this.pipeline = new CsvImportPipeline();
		this.spool = Files.createDirectories(spool);
		this.retryDelay = retryDelay;
		createIndexes();
		this.workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-", 0).factory());
		this.turns = new FairTurns(workers);
		this.runner = new JobRunner<>(name, leases, ImportJob.class, collection, ImportJob::id, MAX_HELD,
				Duration.ofSeconds(2), (job, lease) -> this.workers.execute(() -> run(job, lease)));
	}

	private void createIndexes() {
		this.mongo.indexOps(this.collection)
			.createIndex(new Index().on("tenantId", Sort.Direction.ASC)
				.on("environment", Sort.Direction.ASC)
				.on("createdAt", Sort.Direction.DESC)
				.on("_id", Sort.Direction.DESC)
				.named("scope_created"));
		this.mongo.indexOps(this.collection).createIndex(new Index().on("status", Sort.Direction.ASC).named("status"));
	}

	/**
	 * Spools, checks and queues an upload; a file the import could not finish is a 422.
	 * @param region the region phones without a country code are read in (resolved by the
	 * caller; null for none)
	 * @param options what the service keeps on the job besides (null for nothing)
	 */
	public ImportJob start(TenantScope scope, MultipartFile file, ImportMode mode, String region,
			Map<String, Object> options) throws IOException {
		if (file == null) {
			throw ApiException.validation("file", "is required: a CSV file with a header row");
		}
		if (file.isEmpty()) {
			throw ApiException.validation("file", "the file is empty: it needs a header row and data rows");
		}
		if (this.mongo.count(Query.query(scoped(scope).and("status").in(JobStatus.QUEUED, JobStatus.RUNNING)),
				this.collection) >= MAX_OPEN_PER_TENANT) {
			throw new ApiException(429, ErrorCodes.RATE_LIMITED,
					"This account already has " + MAX_OPEN_PER_TENANT
							+ " imports queued or running; upload more once one of them finishes")
				.retryAfter(Duration.ofSeconds(30));
		}
		long id = this.ids.next();
		Path path = spoolFile(id);
		file.transferTo(path);
		try {
			long rows = CsvScan.dataRows(path);
			Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
			ImportJob job = new ImportJob(id, scope.tenantId(), scope.environment(), JobStatus.QUEUED, mode, region,
					fileName(file), file.getSize(), rows, 0, 0, 0, 0, 0, List.of(), List.of(), List.of(),
					RequestIds.current(), now, null, now, null,
					(options == null || options.isEmpty()) ? null : Map.copyOf(options));
			try (Reader reader = reader(path);
					CSVParser parser = CSVParser.builder()
						.setReader(reader)
						.setFormat(CsvImportPipeline.format(delimiterOf(path)))
						.get()) {
				CSVRecord header = parser.iterator().next();
				this.reading.of(header.toList(), job);
			}
			catch (UncheckedIOException | IllegalStateException ex) {
				throw ApiException.validation("file", "the header row is not valid CSV");
			}
			job = this.mongo.insert(job, this.collection);
			this.runner.submitted(id);
			return job;
		}
		catch (RuntimeException ex) {
			Files.deleteIfExists(path);
			throw ex;
		}
	}

	public Optional<ImportJob> find(TenantScope scope, long id) {
		return Optional.ofNullable(
				this.mongo.findOne(Query.query(scoped(scope).and("_id").is(id)), ImportJob.class, this.collection));
	}

	/** The scope's imports, newest first. */
	public List<ImportJob> list(TenantScope scope, PageRequest page) {
		return this.mongo.find(Query.query(scoped(scope))
			.with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id")))
			.skip(page.offset())
			.limit(page.limit()), ImportJob.class, this.collection);
	}

	public long count(TenantScope scope) {
		return this.mongo.count(Query.query(scoped(scope)), this.collection);
	}

	@Override
	public void close() throws InterruptedException {
		this.runner.close();
		this.workers.shutdownNow();
		this.workers.awaitTermination(5, TimeUnit.SECONDS);
		this.pipeline.close();
	}

	private Optional<ImportJob> find(long id) {
		return Optional.ofNullable(this.mongo.findById(id, ImportJob.class, this.collection));
	}

	private void run(ImportJob claimed, JobRunner<ImportJob>.Lease lease) {
		MDC.put(RequestIds.MDC_KEY,
				(claimed.requestId() != null) ? claimed.requestId() : RequestIds.acceptOrGenerate(null));
		try {
			Path path = spoolFile(claimed.id());
			if (!Files.exists(path)) {
				finish(lease, claimed, JobStatus.FAILED, totalsOf(claimed, 0), counts(totalsOf(claimed, 0),
						failed(new RowError(claimed.processed() + 1, "The upload was kept by a replica that stopped "
								+ "and is not reachable from this one; rows from this one on were not imported. "
								+ "Upload the rest again."))));
				return;
			}
			try (FairTurns.Turn turn = this.turns.acquire(claimed.tenantId() + ":" + claimed.environment().name())) {
				execute(claimed, path, lease, turn);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (LeaseLostException ex) {
			log.warn("Import {} continues on another replica", claimed.id());
		}
		finally {
			MDC.remove(RequestIds.MDC_KEY);
		}
	}

	/** Runs the job from its last saved batch, retrying when the database fails. */
	private void execute(ImportJob job, Path path, JobRunner<ImportJob>.Lease lease, FairTurns.Turn turn)
			throws InterruptedException {
		NoteBudget budget = new NoteBudget(job);
		ImportJob saved = job;
		char delimiter = delimiterOf(path);
		for (int attempt = 1;; attempt++) {
			try (Reader reader = reader(path)) {
				CsvImportPipeline.Totals totals = this.pipeline.run(reader, delimiter, job.scope(), job.mode(),
						(header) -> this.reading.of(header, job), totalsOf(saved, 0), this.sink, (progress, notes) -> {
							if (!lease.checkpoint(counts(progress, budget.take(notes)))) {
								throw new LeaseLostException();
							}
							pass(turn);
						});
				finish(lease, job, JobStatus.COMPLETED, totals,
						counts(totals, BatchNotes.NONE).set("total", totals.processed()));
				log.info("Import {} done: {} rows, {} created, {} updated, {} skipped, {} failed", job.id(),
						totals.processed(), totals.created(), totals.updated(), totals.skipped(), totals.failed());
				break;
			}
			catch (CsvImportPipeline.MalformedCsvException ex) {
				saved = find(job.id()).orElse(saved);
				finish(lease, job, JobStatus.FAILED, totalsOf(saved, 1),
						counts(totalsOf(saved, 1), budget.take(failed(new RowError(ex.row(), ex.getMessage())))));
				break;
			}
			catch (DataAccessException | IOException ex) {
				saved = find(job.id()).orElse(saved);
				if (attempt >= ATTEMPTS) {
					log.error("Import {} stopped after {} attempts", job.id(), attempt, ex);
					finish(lease, job, JobStatus.FAILED, totalsOf(saved, 1),
							counts(totalsOf(saved, 1),
									budget.take(failed(new RowError(saved.processed() + 1,
											"The import stopped: storage was unavailable; rows "
													+ "from this one on were not imported. Upload the rest again.")))));
					break;
				}
				log.warn("Import {} attempt {} failed; resuming after row {}", job.id(), attempt, saved.processed(),
						ex);
				Thread.sleep(this.retryDelay.toMillis() * attempt);
			}
		}
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			log.warn("Could not delete the spooled upload {}", path, ex);
		}
	}

	private static BatchNotes failed(RowError error) {
		return new BatchNotes(List.of(error), List.of(), List.of());
	}

	/**
	 * A checkpoint: the counts as absolute values, and the batch's row errors, skipped
	 * rows and warnings appended.
	 */
	static Update counts(CsvImportPipeline.Totals totals, BatchNotes notes) {
		Update update = new Update().set("processed", totals.processed())
			.set("created", totals.created())
			.set("updated", totals.updated())
			.set("skipped", totals.skipped())
			.set("failed", totals.failed())
			.set("updatedAt", Instant.now());
		if (!notes.errors().isEmpty()) {
			update.push("errors").each(notes.errors().toArray());
		}
		if (!notes.skipped().isEmpty()) {
			update.push("skippedRows").each(notes.skipped().toArray());
		}
		if (!notes.warnings().isEmpty()) {
			update.push("warnings").each(notes.warnings().toArray());
		}
		return update;
	}

	private static Criteria scoped(TenantScope scope) {
		return Criteria.where("tenantId").is(scope.tenantId()).and("environment").is(scope.environment());
	}

	/**
	 * This replica no longer owns the job: another one resumed it after its lease ran
	 * out.
	 */
	/** Between two batches, another tenant waiting goes first. */
	private static void pass(FairTurns.Turn turn) {
		try {
			turn.pass();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LeaseLostException();
		}
	}

	private static final class LeaseLostException extends RuntimeException {

		LeaseLostException() {
			super("lease lost", null, false, false);
		}

	}

	/** The job's saved counts, with {@code moreFailed} rows more failed. */
	/** Ends the job, its {@code ImportCompleted} in the same write. */
	private void finish(JobRunner<ImportJob>.Lease lease, ImportJob job, JobStatus status,
			CsvImportPipeline.Totals totals, Update fields) {
		if (this.completion != null) {
			fields.push(OutboxEvent.FIELD,
					this.mongo.getConverter().convertToMongoType(this.completion.event(job, status, totals)));
		}
		lease.finish(status, fields);
	}

	private static CsvImportPipeline.Totals totalsOf(ImportJob job, int moreFailed) {
		return new CsvImportPipeline.Totals(job.processed(), job.created(), job.updated(), job.skipped(),
				job.failed() + moreFailed);
	}

	private Path spoolFile(long id) {
		return this.spool.resolve(id + ".csv");
	}

	/** UTF-8; bytes that are not UTF-8 become U+FFFD rather than failing the import. */
	/**
	 * The file's delimiter, from its header row: comma, semicolon or tab (docs/api.md §1,
	 * Jobs).
	 */
	static char delimiterOf(Path path) {
		try (java.io.BufferedReader lines = new java.io.BufferedReader(reader(path))) {
			char[] head = new char[64 * 1024];
			int read = lines.read(head);
			String text = (read > 0) ? new String(head, 0, read) : "";
			int end = text.indexOf('\n');
			return CsvImportPipeline.delimiterOf((end >= 0) ? text.substring(0, end) : text);
		}
		catch (IOException ex) {
			// The read that follows fails the same way, and is retried.
			return ',';
		}
	}

	private static Reader reader(Path path) throws IOException {
		return new InputStreamReader(Files.newInputStream(path),
				StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPLACE)
					.onUnmappableCharacter(CodingErrorAction.REPLACE));
	}

	private static String fileName(MultipartFile file) {
		String name = file.getOriginalFilename();
		if (name == null || name.isBlank()) {
			return "upload.csv";
		}
		name = name.replaceAll("[\\p{Cntrl}]", "");
		return (name.length() > 255) ? name.substring(0, 255) : name;
	}

	/**
	 * How many more row errors, skipped rows and warnings a job may store: the first
	 * {@value #MAX_STORED_ERRORS} of each.
	 */
	private static final class NoteBudget {

		private int errors;

		private int skipped;

		private int warnings;

		NoteBudget(ImportJob job) {
			this.errors = sizeOf(job.errors());
			this.skipped = sizeOf(job.skippedRows());
			this.warnings = sizeOf(job.warnings());
		}

		BatchNotes take(BatchNotes notes) {
			List<RowError> errors = first(notes.errors(), this.errors);
			List<SkippedRow> skipped = first(notes.skipped(), this.skipped);
			List<RowWarning> warnings = first(notes.warnings(), this.warnings);
			this.errors += errors.size();
			this.skipped += skipped.size();
			this.warnings += warnings.size();
			return new BatchNotes(errors, skipped, warnings);
		}

		private static <T> List<T> first(List<T> notes, int stored) {
			int room = Math.max(0, MAX_STORED_ERRORS - stored);
			return List.copyOf(notes.subList(0, Math.min(room, notes.size())));
		}

		private static int sizeOf(List<?> list) {
			return (list != null) ? list.size() : 0;
		}

	}

}
