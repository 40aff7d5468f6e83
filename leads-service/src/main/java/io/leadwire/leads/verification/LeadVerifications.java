package io.leadwire.leads.verification;

import io.leadwire.common.api.JobStatus;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.RequestIds;
import io.leadwire.common.concurrent.DaemonThreads;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.id.IdAllocator;
import io.leadwire.common.outbox.OutboxEvent;
import io.leadwire.leads.lead.Lead;
import io.leadwire.leads.lead.LeadEnums.WebsiteStatus;
import io.leadwire.leads.lead.LeadEvents;
import io.leadwire.leads.lead.LeadStore;
import jakarta.annotation.PreDestroy;
import tools.jackson.databind.ObjectMapper;

/**
 * Runs website verification batches: leads are read in chunks of {@value #CHUNK} by id,
 * their websites checked {@code concurrency} at a time ({@link WebsiteChecker}), changed
 * statuses written with a {@code LeadUpdated} event each, and the batch checkpointed
 * after every chunk, so a restarted replica resumes where it stopped. One batch runs at a
 * time per replica; others wait their turn.
 */
@Service
class LeadVerifications {

	static final int MAX_LEAD_IDS = 10_000;

	static final int CHUNK = 100;

	private static final Logger log = LoggerFactory.getLogger(LeadVerifications.class);

	private final VerificationBatches batches;

	private final LeadStore leads;

	private final IdAllocator ids;

	private final ObjectMapper json;

	private final WebsiteChecker checker;

	private final ExecutorService runner;

	private final ExecutorService checks;

	LeadVerifications(VerificationBatches batches, LeadStore leads, IdAllocator ids, ObjectMapper json,
			VerificationProperties properties) {
		this.batches = batches;
		this.leads = leads;
		this.ids = ids;
		this.json = json;
		this.checker = new WebsiteChecker(properties.connectTimeout(), properties.readTimeout(),
				properties.concurrency(), properties.pinnedHosts());
		this.runner = Executors.newSingleThreadExecutor(DaemonThreads.named("lead-verify"));
		this.checks = Executors.newFixedThreadPool(properties.concurrency(), DaemonThreads.named("lead-verify-check"));
	}

	/**
	 * Records a batch over {@code leadIds} (all the scope's leads when empty) and queues
	 * it.
	 */
	VerificationBatch start(TenantScope scope, List<Long> leadIds) {
		if (leadIds.size() > MAX_LEAD_IDS) {
			throw ApiException.validation("leadIds", "at most " + MAX_LEAD_IDS + " per batch; send none for all leads");
		}
		List<Long> selected = leadIds.isEmpty() ? null : leadIds.stream().distinct().toList();
		long total = this.leads.count(scope, selected);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		VerificationBatch batch = this.batches
			.insert(new VerificationBatch(this.ids.next(), scope.tenantId(), scope.environment(), JobStatus.QUEUED,
					selected, total, 0, 0, 0, 0, 0, RequestIds.current(), now, null, now, null));
		this.runner.execute(() -> run(batch.id()));
		return batch;
	}

	@EventListener(ApplicationReadyEvent.class)
	void resume() {
		for (VerificationBatch batch : this.batches.unfinished()) {
			log.info("Resuming website verification {} after lead {}", batch.id(), batch.lastLeadId());
			this.runner.execute(() -> run(batch.id()));
		}
	}

	@PreDestroy
	void stop() throws InterruptedException, IOException {
		this.runner.shutdownNow();
		this.checks.shutdownNow();
		this.runner.awaitTermination(5, TimeUnit.SECONDS);
		this.checker.close();
	}

	private void run(long id) {
		VerificationBatch batch = this.batches.find(id).orElse(null);
		if (batch == null || batch.status().isFinished()) {
			return;
		}
		MDC.put(RequestIds.MDC_KEY,
				(batch.requestId() != null) ? batch.requestId() : RequestIds.acceptOrGenerate(null));
		try {
			this.batches.started(id);
			long after = batch.lastLeadId();
			for (List<Lead> chunk = next(batch, after); !chunk.isEmpty(); chunk = next(batch, after)) {
				VerificationBatches.Counts counts = verify(batch.scope(), chunk);
				after = chunk.get(chunk.size() - 1).id();
				this.batches.progressed(id, counts, after);
			}
			this.batches.finished(id, JobStatus.COMPLETED);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (DataAccessException ex) {
			// Left running: the next start of a replica resumes it after the last chunk.
			log.error("Website verification {} interrupted by a storage failure", id, ex);
		}
		finally {
			MDC.remove(RequestIds.MDC_KEY);
		}
	}

	private List<Lead> next(VerificationBatch batch, long after) {
		return this.leads.chunkAfter(batch.scope(), batch.leadIds(), after, CHUNK);
	}

	/** Checks a chunk concurrently and writes the statuses that changed. */
	private VerificationBatches.Counts verify(TenantScope scope, List<Lead> chunk) throws InterruptedException {
		List<Future<WebsiteStatus>> results = new ArrayList<>(chunk.size());
		for (Lead lead : chunk) {
			results.add(this.checks.submit(() -> this.checker.check(lead.website())));
		}
		List<Lead> changed = new ArrayList<>();
		List<OutboxEvent> events = new ArrayList<>();
		long working = 0;
		long notWorking = 0;
		long noWebsite = 0;
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		for (int i = 0; i < chunk.size(); i++) {
			WebsiteStatus status = await(results.get(i));
			switch (status) {
				case WORKING -> working++;
				case NO_WEBSITE -> noWebsite++;
				default -> notWorking++;
			}
			Lead lead = chunk.get(i);
			if (status != lead.websiteStatus()) {
				Lead updated = lead.withWebsiteStatus(status, now);
				changed.add(updated);
				events.add(LeadEvents.updated(updated, lead, this.json));
			}
		}
		this.leads.setWebsiteStatuses(scope, changed, events);
		return new VerificationBatches.Counts(working, notWorking, noWebsite);
	}

	private static WebsiteStatus await(Future<WebsiteStatus> result) throws InterruptedException {
		try {
			return result.get();
		}
		catch (ExecutionException ex) {
			return WebsiteStatus.NOT_WORKING;
		}
	}

}
