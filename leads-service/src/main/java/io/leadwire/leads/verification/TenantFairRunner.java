package io.leadwire.leads.verification;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.leadwire.common.concurrent.DaemonThreads;

/**
 * Runs long jobs a step at a time, taking tenants in turn: a worker takes the oldest job
 * of the tenant whose turn it is, runs one step (a checkpointed chunk), and puts the job
 * back at the end of its tenant's line if there is more to do. A tenant has at most one
 * step running at a time, so with {@code workers} ≥ 2 another tenant's job always starts
 * within one step, however large or slow the first tenant's jobs are.
 */
final class TenantFairRunner implements AutoCloseable {

	/** A job run in steps; {@link #step()} answers whether there is more to do. */
	interface Job {

		String tenant();

		boolean step() throws InterruptedException;

	}

	private static final Logger log = LoggerFactory.getLogger(TenantFairRunner.class);

	/** Waiting jobs by tenant, tenants in the order their turn comes. */
	private final Map<String, ArrayDeque<Job>> waiting = new LinkedHashMap<>();

	private final Set<String> running = new HashSet<>();

	private final List<Thread> workers = new ArrayList<>();

	private boolean closed;

	TenantFairRunner(String name, int workers) {
		java.util.concurrent.ThreadFactory threads = DaemonThreads.named(name);
		for (int i = 0; i < workers; i++) {
			Thread worker = threads.newThread(this::work);
			this.workers.add(worker);
			worker.start();
		}
	}

	synchronized void submit(Job job) {
		this.waiting.computeIfAbsent(job.tenant(), (tenant) -> new ArrayDeque<>()).addLast(job);
		notifyAll();
	}

	/** Jobs waiting or running for {@code tenant}'s turn (for tests and metrics). */
	synchronized int queued(String tenant) {
		ArrayDeque<Job> jobs = this.waiting.get(tenant);
		return ((jobs != null) ? jobs.size() : 0) + (this.running.contains(tenant) ? 1 : 0);
	}

	private void work() {
		while (true) {
			Job job;
			try {
				job = take();
			}
			catch (InterruptedException ex) {
				return;
			}
			if (job == null) {
				return;
			}
			boolean more = false;
			try {
				more = job.step();
			}
			catch (InterruptedException ex) {
				done(job, false);
				return;
			}
			catch (RuntimeException ex) {
				log.error("A step of a {} job failed; the job stops here", job.tenant(), ex);
			}
			done(job, more);
		}
	}

	/**
	 * The next job of the first tenant in line with nothing running, or null once closed.
	 */
	private synchronized Job take() throws InterruptedException {
		while (!this.closed) {
			Iterator<Map.Entry<String, ArrayDeque<Job>>> tenants = this.waiting.entrySet().iterator();
			while (tenants.hasNext()) {
				Map.Entry<String, ArrayDeque<Job>> entry = tenants.next();
				if (!this.running.contains(entry.getKey())) {
					Job job = entry.getValue().pollFirst();
					tenants.remove(); // back in line at the end, if it has more
					if (!entry.getValue().isEmpty()) {
						this.waiting.put(entry.getKey(), entry.getValue());
					}
					this.running.add(entry.getKey());
					return job;
				}
			}
			wait();
		}
		return null;
	}

	private synchronized void done(Job job, boolean more) {
		this.running.remove(job.tenant());
		if (more && !this.closed) {
			this.waiting.computeIfAbsent(job.tenant(), (tenant) -> new ArrayDeque<>()).addLast(job);
		}
		notifyAll();
	}

	@Override
	public void close() throws InterruptedException {
		synchronized (this) {
			this.closed = true;
			notifyAll();
		}
		for (Thread worker : this.workers) {
			worker.interrupt();
			worker.join(5000);
		}
	}

}
