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
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.RequestIds;
import io.leadwire.common.concurrent.DaemonThreads;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.id.IdAllocator;
import io.leadwire.common.job.JobLeases;
import io.leadwire.common.job.JobRunner;
import io.leadwire.common.outbox.OutboxEvent;
import io.leadwire.leads.lead.Lead;
import io.leadwire.leads.lead.LeadEnums.WebsiteStatus;
import io.leadwire.leads.lead.LeadEvents;
import io.leadwire.leads.lead.LeadStore;
import jakarta.annotation.PreDestroy;
import tools.jackson.databind.ObjectMapper;

/**
 * Runs website verification batches: leads are read in chunks of {@value #CHUNK} by id,
 * their websites checked ({@link WebsiteChecker}), changed statuses written with a
 * {@code LeadUpdated} event each, and the batch checkpointed after every chunk, so a
 * restarted replica resumes where it stopped. Tenants share the replica fairly
 * ({@link TenantFairRunner}): a chunk is one turn, a tenant has one chunk in progress at
 * a time with at most {@code tenantConcurrency} checks in flight, and the other tenants'
 * batches take their turns in between, so a tenant whose sites never answer delays no one
 * else by more than one chunk.
 */
@Service
class LeadVerifications {

	static final int MAX_LEAD_IDS = 10_000;

	/** Batches a replica holds at once (they take turns in {@link TenantFairRunner}). */
	static final int MAX_BATCHES_HELD = 32;

	static final java.time.Duration POLL = java.time.Duration.ofSeconds(2);

	/** Leads per step: a tenant's turn, and a checkpoint. */
	static final int CHUNK = 32;

	private static final Logger log = LoggerFactory.getLogger(LeadVerifications.class);

	private final VerificationBatches batches;

	private final LeadStore leads;

	private final IdAllocator ids;

	private final ObjectMapper json;

	private final WebsiteChecker checker;

	private final TenantFairRunner runner;

	private final JobRunner<VerificationBatch> jobs;

	private final ExecutorService checks;

	private final int tenantConcurrency;

	LeadVerifications(VerificationBatches batches, LeadStore leads, IdAllocator ids, ObjectMapper json,
			VerificationProperties properties, JobLeases leases) {
		this.batches = batches;
		this.leads = leads;
		this.ids = ids;
		this.json = json;
		this.checker = new WebsiteChecker(properties.connectTimeout(), properties.readTimeout(),
				properties.concurrency(), properties.pinnedHosts());
		this.tenantConcurrency = properties.tenantShare();
		this.runner = new TenantFairRunner("lead-verify", properties.concurrency() / this.tenantConcurrency);
		this.checks = Executors.newFixedThreadPool(properties.concurrency(), DaemonThreads.named("lead-verify-check"));
		this.jobs = new JobRunner<>("lead-verify", leases, VerificationBatch.class, VerificationBatch::id,
				MAX_BATCHES_HELD, POLL, (batch, lease) -> this.runner.submit(job(batch, lease)));
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
		this.jobs.submitted(batch.id());
		return batch;
	}

	@PreDestroy
	void stop() throws InterruptedException, IOException {
		this.jobs.close();
		this.checks.shutdownNow();
		this.runner.close();
		this.checker.close();
	}

	private TenantFairRunner.Job job(VerificationBatch batch, JobRunner<VerificationBatch>.Lease lease) {
		String tenant = batch.tenantId() + ":" + batch.environment().name();
		return new TenantFairRunner.Job() {

			@Override
			public String tenant() {
				return tenant;
			}

			@Override
			public boolean step() throws InterruptedException {
				return LeadVerifications.this.step(batch.id(), lease);
			}

		};
	}

	/**
	 * Verifies the batch's next chunk and checkpoints it with absolute counts; whether
	 * there is more to do (false as well once the lease is lost to another replica).
	 */
	private boolean step(long id, JobRunner<VerificationBatch>.Lease lease) throws InterruptedException {
		VerificationBatch batch = this.batches.find(id).orElse(null);
		if (batch == null || batch.status().isFinished()) {
			lease.abandon();
			return false;
		}
		MDC.put(RequestIds.MDC_KEY,
				(batch.requestId() != null) ? batch.requestId() : RequestIds.acceptOrGenerate(null));
		try {
			List<Lead> chunk = next(batch, batch.lastLeadId());
			if (chunk.isEmpty()) {
				// total was counted at the start; leads created or deleted since make the
				// count checked differ, and a completed batch shows the latter.
				lease.finish(JobStatus.COMPLETED, new Update().set("total", batch.processed()));
				return false;
			}
			VerificationBatches.Counts counts = verify(batch.scope(), batch.id(), chunk);
			return lease.checkpoint(new Update().set("processed", batch.processed() + counts.total())
				.set("working", batch.working() + counts.working())
				.set("notWorking", batch.notWorking() + counts.notWorking())
				.set("noWebsite", batch.noWebsite() + counts.noWebsite())
				.set("lastLeadId", chunk.get(chunk.size() - 1).id()));
		}
		catch (DataAccessException ex) {
			// Given back: this replica or another resumes it after the last checkpoint.
			log.error("Website verification {} interrupted by a storage failure", id, ex);
			lease.abandon();
			return false;
		}
		finally {
			MDC.remove(RequestIds.MDC_KEY);
		}
	}

	private List<Lead> next(VerificationBatch batch, long after) {
		return this.leads.chunkAfter(batch.scope(), batch.leadIds(), after, CHUNK);
	}

	/**
	 * Checks a chunk, at most {@code tenantConcurrency} at a time, and writes the
	 * statuses that changed; every lead checked publishes {@code LeadVerified}.
	 */
	private VerificationBatches.Counts verify(TenantScope scope, long batchId, List<Lead> chunk)
			throws InterruptedException {
		List<Future<WebsiteStatus>> results = new ArrayList<>(chunk.size());
		Semaphore share = new Semaphore(this.tenantConcurrency);
		for (Lead lead : chunk) {
			share.acquire();
			results.add(this.checks.submit(() -> {
				try {
					return this.checker.check(lead.website());
				}
				finally {
					share.release();
				}
			}));
		}
		List<LeadStore.Checked> checks = new ArrayList<>();
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
			OutboxEvent verified = LeadEvents.verified(lead, batchId, status, now, this.json);
			if (status != lead.websiteStatus()) {
				Lead updated = lead.withWebsiteStatus(status, now);
				checks.add(new LeadStore.Checked(updated, true,
						List.of(LeadEvents.updated(updated, lead, this.json), verified)));
			}
			else {
				checks.add(new LeadStore.Checked(lead, false, List.of(verified)));
			}
		}
		this.leads.recordChecks(scope, checks);
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
