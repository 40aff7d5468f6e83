package io.leadwire.messaging.number;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.api.JobStatus;
import io.leadwire.common.api.PageRequest;
import io.leadwire.common.api.RequestIds;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.id.IdAllocator;
import io.leadwire.common.job.FairTurns;
import io.leadwire.common.job.JobLeases;
import io.leadwire.common.job.JobRunner;
import io.leadwire.messaging.provider.ProviderException;
import io.leadwire.messaging.session.Session;
import io.leadwire.messaging.session.SessionGoneException;
import io.leadwire.messaging.session.SessionStore;

/**
 * Bulk number checks of more than {@value NumberChecks#MAX_BULK} numbers (up to
 * {@value #MAX_NUMBERS}): a job on the shared job runner, paced like every check of its
 * session (so a long list takes minutes, as it must not to get the number banned),
 * checkpointed every {@value #CHECKPOINT_EVERY} numbers with its answers and absolute
 * counts, resumed after the last checkpoint by whichever replica takes it over. A number
 * the provider cannot answer for is recorded as failed with the reason; a session that is
 * gone fails the job, whether before it starts or while it runs (its next paced check
 * finds it deleted: the answers so far are kept), and frees its worker for the next.
 */
@Service
class NumberCheckJobs {

	static final int MAX_NUMBERS = 10_000;

	static final int CHECKPOINT_EVERY = 10;

	private static final Logger log = LoggerFactory.getLogger(NumberCheckJobs.class);

	private final NumberCheckJobStore store;

	private final NumberChecks checks;

	private final SessionStore sessions;

	private final IdAllocator ids;

	/** Jobs a replica holds at once; they take turns ({@link #turns}). */
	static final int MAX_HELD = 64;

	/** A tenant's bulk jobs not finished at most: past it a new one is a 429. */
	static final int MAX_OPEN_PER_TENANT = 5;

	private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

	private final FairTurns turns;

	private final JobRunner<NumberCheckJob> runner;

	NumberCheckJobs(NumberCheckJobStore store, NumberChecks checks, SessionStore sessions, IdAllocator ids,
			JobLeases leases, @Value("${leadwire.messaging.number-checks.slots:4}") int slots) {
		this.store = store;
		this.checks = checks;
		this.sessions = sessions;
		this.ids = ids;
		this.turns = new FairTurns(slots);
		this.runner = new JobRunner<>("number-checks", leases, NumberCheckJob.class, NumberCheckJob::id, MAX_HELD,
				Duration.ofSeconds(2), (job, lease) -> this.workers.execute(() -> run(job.id(), lease)));
	}

	NumberCheckJob start(TenantScope scope, List<String> inputs, Long sessionId) {
		List<String> phones = this.checks.normalise(inputs, MAX_NUMBERS);
		Session session = this.checks.checkingSession(scope, sessionId);
		if (this.store.open(scope) >= MAX_OPEN_PER_TENANT) {
			throw new ApiException(429, ErrorCodes.RATE_LIMITED,
					"This account already has " + MAX_OPEN_PER_TENANT
							+ " bulk number checks queued or running; start more once one of them finishes")
				.retryAfter(Duration.ofSeconds(60));
		}
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		NumberCheckJob job = this.store.insert(new NumberCheckJob(this.ids.next(), scope.tenantId(),
				scope.environment(), JobStatus.QUEUED, session.id(), phones, phones.size(), 0, 0, 0, 0, List.of(),
				RequestIds.current(), now, now, null, null));
		this.runner.submitted(job.id());
		return job;
	}

	/** The scope's job with a page of its answers; another scope's is a 404. */
	NumberCheckJob find(TenantScope scope, long id, PageRequest page) {
		NumberCheckJob job = this.store.find(scope, id);
		if (job == null) {
			throw new ApiException(404, "not_found", "Number check job not found");
		}
		List<NumberCheckJob.Result> results = (job.results() != null) ? job.results() : List.of();
		int from = (int) Math.min(page.offset(), results.size());
		return new NumberCheckJob(job.id(), job.tenantId(), job.environment(), job.status(), job.sessionId(), null,
				job.total(), job.processed(), job.valid(), job.invalid(), job.failed(),
				List.copyOf(results.subList(from, Math.min(from + page.limit(), results.size()))), job.requestId(),
				job.createdAt(), job.updatedAt(), job.finishedAt(), job.error());
	}

	@PreDestroy
	void stop() {
		this.runner.close();
		this.workers.shutdownNow();
	}

	private void run(long id, JobRunner<NumberCheckJob>.Lease lease) {
		NumberCheckJob job = this.store.find(id);
		if (job == null || job.status().isFinished()) {
			lease.abandon();
			return;
		}
		MDC.put(RequestIds.MDC_KEY, (job.requestId() != null) ? job.requestId() : RequestIds.acceptOrGenerate(null));
		try {
			Session session = this.sessions.find(job.scope(), job.sessionId()).orElse(null);
			if (session == null) {
				lease.finish(JobStatus.FAILED, new Update().set("error", "the session was deleted"));
				return;
			}
			try (FairTurns.Turn turn = this.turns.acquire(job.tenantId() + ":" + job.environment().name())) {
				checkAll(job, session, lease, turn);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			lease.abandon();
		}
		catch (DataAccessException ex) {
			log.error("Number check job {} interrupted by a storage failure", id, ex);
			lease.abandon();
		}
		catch (RuntimeException ex) {
			log.error("Number check job {} stopped", id, ex);
			lease.abandon();
		}
		finally {
			MDC.remove(RequestIds.MDC_KEY);
		}
	}

	/**
	 * Checks the job's numbers from where it stopped, {@value #CHECKPOINT_EVERY} a step:
	 * after each step's checkpoint the tenant's turn passes to another tenant waiting.
	 */
	private void checkAll(NumberCheckJob job, Session session, JobRunner<NumberCheckJob>.Lease lease,
			FairTurns.Turn turn) throws InterruptedException {
		long id = job.id();
		int processed = job.processed();
		int valid = job.valid();
		int invalid = job.invalid();
		int failed = job.failed();
		List<NumberCheckJob.Result> pending = new ArrayList<>();
		while (processed < job.total()) {
			String phone = job.phones().get(processed);
			NumberCheckJob.Result result;
			try {
				result = check(job.scope(), session, phone);
			}
			catch (SessionGoneException ex) {
				// Deleted mid-job: what was checked is kept, the rest is not checked.
				lease.finish(JobStatus.FAILED,
						progress(processed, valid, invalid, failed, pending).set("error", "the session was deleted"));
				log.info("Number check job {} failed after {} numbers: its session was deleted", id, processed);
				return;
			}
			pending.add(result);
			processed++;
			if (result.error() != null) {
				failed++;
			}
			else if (result.isWhatsapp()) {
				valid++;
			}
			else {
				invalid++;
			}
			if (pending.size() >= CHECKPOINT_EVERY || processed == job.total()) {
				if (!lease.checkpoint(
						progress(processed, valid, invalid, failed, pending).set("status", JobStatus.RUNNING))) {
					return;
				}
				pending.clear();
				turn.pass();
			}
		}
		lease.finish(JobStatus.COMPLETED, new Update());
	}

	/** The counts so far and the answers not yet written. */
	private Update progress(int processed, int valid, int invalid, int failed, List<NumberCheckJob.Result> pending) {
		return this.store.progress(processed, valid, invalid, failed, pending);
	}

	private NumberCheckJob.Result check(TenantScope scope, Session session, String phone) {
		try {
			NumberCheckView answer = this.checks.checkPaced(scope, session, phone);
			return new NumberCheckJob.Result(phone, answer.isWhatsapp(), answer.whatsappJid(), answer.checkedAt(),
					null);
		}
		catch (ProviderException ex) {
			return new NumberCheckJob.Result(phone, null, null, Instant.now(), ex.getMessage());
		}
	}

}
