package io.leadwire.common.job;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns at shared, expensive work (imports, number checks, exports), taken by tenants in
 * rotation: at most {@code slots} turns are held at once on this replica, and at most one
 * by each tenant, so one tenant's backlog never stands ahead of another tenant's next
 * turn. A long job holds a turn for one step (a batch of rows, ten numbers, a page) and
 * then {@link Turn#pass passes} it: if another tenant waits, it goes to the back of the
 * line. With 2 slots, another tenant's first step starts within one step of the busiest
 * tenant's, however many jobs that tenant queued (docs/decisions.md, "Fair turns").
 */
public final class FairTurns {

	/** Threads waiting for a turn, by tenant, tenants in the order they came. */
	private final Map<String, ArrayDeque<Thread>> waiting = new LinkedHashMap<>();

	private final Map<String, Integer> holding = new HashMap<>();

	/**
	 * When each tenant last took a turn (a rising count): the longest unserved goes
	 * first.
	 */
	private final Map<String, Long> served = new HashMap<>();

	private long clock;

	private final int slots;

	private int held;

	public FairTurns(int slots) {
		if (slots < 1) {
			throw new IllegalArgumentException("slots must be at least 1, got " + slots);
		}
		this.slots = slots;
	}

	/**
	 * Waits for {@code tenant}'s turn; close the turn to give it back (try with
	 * resources).
	 */
	public Turn acquire(String tenant) throws InterruptedException {
		take(tenant);
		return new Turn(tenant);
	}

	/** A turn held by one job: passed between its steps, closed at its end. */
	public final class Turn implements AutoCloseable {

		private final String tenant;

		private boolean held = true;

		private Turn(String tenant) {
			this.tenant = tenant;
		}

		/**
		 * Between two steps: if another tenant waits for a turn, this one goes to it and
		 * the caller waits for its tenant's next one; otherwise it keeps the turn.
		 */
		public void pass() throws InterruptedException {
			synchronized (FairTurns.this) {
				if (!this.held || !othersWaiting(this.tenant)) {
					return;
				}
				give(this.tenant);
				this.held = false;
			}
			take(this.tenant);
			synchronized (FairTurns.this) {
				this.held = true;
			}
		}

		@Override
		public void close() {
			synchronized (FairTurns.this) {
				if (this.held) {
					this.held = false;
					give(this.tenant);
				}
			}
		}

	}

	private synchronized void take(String tenant) throws InterruptedException {
		Thread me = Thread.currentThread();
		ArrayDeque<Thread> line = this.waiting.computeIfAbsent(tenant, (t) -> new ArrayDeque<>());
		line.addLast(me);
		try {
			while (!myTurn(tenant, me)) {
				wait();
			}
		}
		catch (InterruptedException ex) {
			remove(tenant, me);
			notifyAll();
			throw ex;
		}
		remove(tenant, me);
		this.served.put(tenant, ++this.clock);
		if (this.served.size() > 10_000) {
			this.served.keySet().removeIf((t) -> !this.waiting.containsKey(t) && !this.holding.containsKey(t));
		}
		this.holding.merge(tenant, 1, Integer::sum);
		this.held++;
	}

	private synchronized void give(String tenant) {
		if (this.holding.merge(tenant, -1, Integer::sum) <= 0) {
			this.holding.remove(tenant);
		}
		this.held--;
		notifyAll();
	}

	/** Turns held and tenants waiting (for metrics and tests). */
	public synchronized String toString() {
		return "FairTurns{held=" + this.held + " of " + this.slots + ", waiting=" + this.waiting.keySet() + "}";
	}

	/**
	 * Whether {@code me} may take a turn now: a slot is free, and of the waiting tenants
	 * that hold none, its tenant is the one served longest ago (first come first among
	 * equals), and it is first in its tenant's line.
	 */
	private boolean myTurn(String tenant, Thread me) {
		if (this.held >= this.slots) {
			return false;
		}
		String next = null;
		long nextServed = Long.MAX_VALUE;
		for (Map.Entry<String, ArrayDeque<Thread>> line : this.waiting.entrySet()) {
			if (this.holding.containsKey(line.getKey()) || line.getValue().isEmpty()) {
				continue;
			}
			long last = this.served.getOrDefault(line.getKey(), 0L);
			if (last < nextServed) {
				next = line.getKey();
				nextServed = last;
			}
		}
		return tenant.equals(next) && this.waiting.get(tenant).peekFirst() == me;
	}

	private boolean othersWaiting(String tenant) {
		for (Map.Entry<String, ArrayDeque<Thread>> line : this.waiting.entrySet()) {
			if (!line.getKey().equals(tenant) && !line.getValue().isEmpty()
					&& !this.holding.containsKey(line.getKey())) {
				return true;
			}
		}
		return false;
	}

	private void remove(String tenant, Thread me) {
		ArrayDeque<Thread> line = this.waiting.get(tenant);
		if (line != null) {
			line.remove(me);
			if (line.isEmpty()) {
				this.waiting.remove(tenant);
			}
		}
	}

}
