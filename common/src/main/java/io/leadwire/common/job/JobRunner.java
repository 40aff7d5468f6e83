package io.leadwire.common.job;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.query.Update;

import io.leadwire.common.api.JobStatus;
import io.leadwire.common.concurrent.DaemonThreads;

/**
 * The one way long work runs (imports, verification, later contacts imports and campaign
 * runs): jobs of one kind live in their own collection; a replica claims them through
 * {@link JobLeases} up to its capacity — at once when one is submitted here, and by
 * polling for queued jobs and jobs whose lease expired (their replica died) — renews the
 * leases of what it runs on a heartbeat, and hands each claimed job to the kind's
 * {@link Work}, which checkpoints and finishes it through its {@link Lease}.
 *
 * @param <T> the job document's type
 */
public final class JobRunner<T> implements AutoCloseable {

	/** What a kind of job does once claimed; returns at once or runs it, as it likes. */
	@FunctionalInterface
	public interface Work<T> {

		void start(T job, JobRunner<T>.Lease lease);

	}

	private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

	private final JobLeases leases;

	private final Class<T> type;

	private final String collection;

	private final Function<T, Object> id;

	private final int capacity;

	private final Work<T> work;

	private final Set<Object> held = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService scheduler;

	public JobRunner(String name, JobLeases leases, Class<T> type, Function<T, Object> id, int capacity,
			Duration pollInterval, Work<T> work) {
		this(name, leases, type, leases.collectionOf(type), id, capacity, pollInterval, work);
	}

	/** A runner of jobs of {@code type} kept in {@code collection}. */
	public JobRunner(String name, JobLeases leases, Class<T> type, String collection, Function<T, Object> id,
			int capacity, Duration pollInterval, Work<T> work) {
		this.leases = leases;
		this.type = type;
		this.collection = collection;
		this.id = id;
		this.capacity = capacity;
		this.work = work;
		this.scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named(name + "-leases"));
		long heartbeat = Math.max(1, leases.lease().toMillis() / 3);
		this.scheduler.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
		this.scheduler.scheduleWithFixedDelay(this::poll, pollInterval.toMillis(), pollInterval.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	/** A job was just queued here: claim and start it now if there is room. */
	public void submitted(Object jobId) {
		if (this.held.size() < this.capacity) {
			T job = this.leases.claim(this.type, this.collection, jobId);
			if (job != null) {
				start(job);
			}
		}
	}

	/** Jobs this replica runs now. */
	public Set<Object> held() {
		return Set.copyOf(this.held);
	}

	private void poll() {
		try {
			while (this.held.size() < this.capacity) {
				T job = this.leases.claimNext(this.type, this.collection);
				if (job == null) {
					return;
				}
				start(job);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Polling for {} jobs failed: {}", this.type.getSimpleName(), ex.toString());
		}
	}

	private void start(T job) {
		Object jobId = this.id.apply(job);
		this.held.add(jobId);
		try {
			this.work.start(job, new Lease(jobId));
		}
		catch (RuntimeException ex) {
			log.error("Starting {} {} failed; it is given back", this.type.getSimpleName(), jobId, ex);
			this.held.remove(jobId);
			this.leases.release(this.collection, jobId);
		}
	}

	private void heartbeat() {
		try {
			this.leases.renew(this.collection, this.held);
		}
		catch (RuntimeException ex) {
			log.warn("Renewing {} leases failed: {}", this.type.getSimpleName(), ex.toString());
		}
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

	/** The claim on one job, handed to its work. */
	public final class Lease {

		private final Object jobId;

		Lease(Object jobId) {
			this.jobId = jobId;
		}

		public Object jobId() {
			return this.jobId;
		}

		/**
		 * Writes progress (absolute values) and renews the lease.
		 * @return false if another replica owns the job now: stop without writing more
		 */
		public boolean checkpoint(Update progress) {
			boolean kept = JobRunner.this.leases.checkpoint(JobRunner.this.collection, this.jobId, progress);
			if (!kept) {
				JobRunner.this.held.remove(this.jobId);
				log.warn("{} {} is owned by another replica now; stopping here", JobRunner.this.type.getSimpleName(),
						this.jobId);
			}
			return kept;
		}

		/** Ends the job; frees this replica's room for another. */
		public boolean finish(JobStatus status, Update fields) {
			try {
				return JobRunner.this.leases.finish(JobRunner.this.collection, this.jobId, status, fields);
			}
			finally {
				JobRunner.this.held.remove(this.jobId);
			}
		}

		/**
		 * Stops running the job here without ending it: another replica (or this one)
		 * resumes it.
		 */
		public void abandon() {
			JobRunner.this.held.remove(this.jobId);
			JobRunner.this.leases.release(JobRunner.this.collection, this.jobId);
		}

	}

}
