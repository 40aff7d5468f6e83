package io.leadwire.leads.importing;

import io.leadwire.common.api.JobStatus;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.RequestIds;
import io.leadwire.common.concurrent.DaemonThreads;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.id.IdAllocator;
import io.leadwire.common.job.JobLeases;
import io.leadwire.common.job.JobRunner;
import io.leadwire.leads.lead.LeadStore;
import io.leadwire.common.phone.PhoneNumbers;
import jakarta.annotation.PreDestroy;
import tools.jackson.databind.ObjectMapper;

/**
 * Accepts CSV uploads and runs them as jobs. An upload is spooled to disk (never held in
 * memory), checked ({@link CsvScan}, the header), recorded as a queued job and answered
 * at once; a replica claims it ({@link JobRunner}: this one at once if it has a free
 * worker) and streams it through the {@link LeadImportPipeline}. Progress is checkpointed
 * after every batch with the job's lease, so when a replica dies another resumes the job
 * after the last batch written, provided the spool directory is shared (a replica that
 * cannot find the upload ends the job as failed, saying so).
 */
@Service
class LeadImports {

	private static final Logger log = LoggerFactory.getLogger(LeadImports.class);

	private static final int ATTEMPTS = 5;

	private final ImportJobs jobs;

	private final IdAllocator ids;

	private final LeadImportPipeline pipeline;

	private final PhoneNumbers phones;

	private final MongoLeadSink sink;

	private final Path spool;

	private final ExecutorService workers;

	private final JobRunner<ImportJob> runner;

	private final Duration retryDelay;

	LeadImports(ImportJobs jobs, IdAllocator ids, PhoneNumbers phones, LeadStore store, ObjectMapper json,
			@Value("${leadwire.leads.import.spool-dir:${java.io.tmpdir}/leadwire/lead-imports}") Path spool,
			@Value("${leadwire.leads.import.workers:1}") int workers,
			@Value("${leadwire.leads.import.retry-delay:2s}") Duration retryDelay, JobLeases leases)
			throws IOException {
		this.jobs = jobs;
		this.ids = ids;
		this.pipeline = new LeadImportPipeline();
		this.phones = phones;
		this.sink = new MongoLeadSink(store, ids, json);
		this.spool = Files.createDirectories(spool);
		this.retryDelay = retryDelay;
		this.workers = Executors.newFixedThreadPool(workers, DaemonThreads.named("lead-import"));
		this.runner = new JobRunner<>("lead-import", leases, ImportJob.class, ImportJob::id, workers,
				Duration.ofSeconds(2), (job, lease) -> this.workers.execute(() -> run(job, lease)));
	}

	/**
	 * Spools, checks and queues an upload; a file the import could not finish is a 422.
	 * Phones without a country code are read in {@code region} (null: the default).
	 */
	ImportJob start(TenantScope scope, MultipartFile file, ImportMode mode, String region) throws IOException {
		String phoneRegion = this.phones.inRegion(region, "region").defaultRegion();
		if (file == null) {
			throw ApiException.validation("file", "is required: a CSV file with a header row");
		}
		if (file.isEmpty()) {
			throw ApiException.validation("file", "the file is empty: it needs a header row and data rows");
		}
		long id = this.ids.next();
		Path path = spoolFile(id);
		file.transferTo(path);
		try {
			long rows = CsvScan.dataRows(path);
			try (Reader reader = reader(path);
					CSVParser parser = CSVParser.builder()
						.setReader(reader)
						.setFormat(LeadImportPipeline.FORMAT)
						.get()) {
				CSVRecord header = parser.iterator().next();
				LeadCsvHeader.parse(header.toList());
			}
			catch (UncheckedIOException | IllegalStateException ex) {
				throw ApiException.validation("file", "the header row is not valid CSV");
			}
			Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
			ImportJob job = this.jobs.insert(new ImportJob(id, scope.tenantId(), scope.environment(), JobStatus.QUEUED,
					mode, phoneRegion, fileName(file), file.getSize(), rows, 0, 0, 0, 0, 0, List.of(),
					RequestIds.current(), now, null, now, null));
			this.runner.submitted(id);
			return job;
		}
		catch (RuntimeException ex) {
			Files.deleteIfExists(path);
			throw ex;
		}
	}

	@PreDestroy
	void stop() throws InterruptedException {
		this.runner.close();
		this.workers.shutdownNow();
		this.workers.awaitTermination(5, TimeUnit.SECONDS);
		this.pipeline.close();
	}

	private void run(ImportJob claimed, JobRunner<ImportJob>.Lease lease) {
		MDC.put(RequestIds.MDC_KEY,
				(claimed.requestId() != null) ? claimed.requestId() : RequestIds.acceptOrGenerate(null));
		try {
			Path path = spoolFile(claimed.id());
			if (!Files.exists(path)) {
				lease.finish(JobStatus.FAILED, ImportJobs.counts(totalsOf(claimed, 0),
						List.of(new RowError(claimed.processed() + 1, "The upload was kept by a replica that stopped "
								+ "and is not reachable from this one; rows from this one on were not imported. "
								+ "Upload the rest again."))));
				return;
			}
			execute(claimed, path, lease);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (LeaseLostException ex) {
			log.warn("Import {} continues on another replica", claimed.id());
			return;
		}
		finally {
			MDC.remove(RequestIds.MDC_KEY);
		}
	}

	/** Runs the job from its last saved batch, retrying when the database fails. */
	private void execute(ImportJob job, Path path, JobRunner<ImportJob>.Lease lease) throws InterruptedException {
		ErrorBudget budget = new ErrorBudget((job.errors() != null) ? job.errors().size() : 0);
		ImportJob saved = job;
		for (int attempt = 1;; attempt++) {
			try (Reader reader = reader(path)) {
				LeadImportPipeline.Totals totals = this.pipeline.run(reader, job.scope(), job.mode(),
						this.phones.inRegion(job.region(), "region"), totalsOf(saved, 0), this.sink,
						(progress, errors) -> {
							if (!lease.checkpoint(ImportJobs.counts(progress, budget.take(errors)))) {
								throw new LeaseLostException();
							}
						});
				lease.finish(JobStatus.COMPLETED,
						ImportJobs.counts(totals, List.of()).set("total", totals.processed()));
				log.info("Import {} done: {} rows, {} created, {} updated, {} skipped, {} failed", job.id(),
						totals.processed(), totals.created(), totals.updated(), totals.skipped(), totals.failed());
				break;
			}
			catch (LeadImportPipeline.MalformedCsvException ex) {
				saved = this.jobs.find(job.id()).orElse(saved);
				lease.finish(JobStatus.FAILED, ImportJobs.counts(totalsOf(saved, 1),
						budget.take(List.of(new RowError(ex.row(), ex.getMessage())))));
				break;
			}
			catch (DataAccessException | IOException ex) {
				saved = this.jobs.find(job.id()).orElse(saved);
				if (attempt >= ATTEMPTS) {
					log.error("Import {} stopped after {} attempts", job.id(), attempt, ex);
					lease.finish(JobStatus.FAILED,
							ImportJobs.counts(totalsOf(saved, 1),
									budget.take(List.of(new RowError(saved.processed() + 1,
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

	/**
	 * This replica no longer owns the job: another one resumed it after its lease ran
	 * out.
	 */
	private static final class LeaseLostException extends RuntimeException {

		LeaseLostException() {
			super("lease lost", null, false, false);
		}

	}

	/** The job's saved counts, with {@code moreFailed} rows more failed. */
	private static LeadImportPipeline.Totals totalsOf(ImportJob job, int moreFailed) {
		return new LeadImportPipeline.Totals(job.processed(), job.created(), job.updated(), job.skipped(),
				job.failed() + moreFailed);
	}

	private Path spoolFile(long id) {
		return this.spool.resolve(id + ".csv");
	}

	/** UTF-8; bytes that are not UTF-8 become U+FFFD rather than failing the import. */
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

	/** How many more row errors a job may store. */
	private static final class ErrorBudget {

		private int stored;

		ErrorBudget(int stored) {
			this.stored = stored;
		}

		List<RowError> take(List<RowError> errors) {
			int room = Math.max(0, ImportJobs.MAX_STORED_ERRORS - this.stored);
			List<RowError> kept = new ArrayList<>(errors.subList(0, Math.min(room, errors.size())));
			this.stored += kept.size();
			return kept;
		}

	}

}
