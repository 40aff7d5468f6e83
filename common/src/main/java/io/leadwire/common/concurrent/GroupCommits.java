package io.leadwire.common.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: callers hand in items and wait for them to be written, and the writes are
 * made by the callers themselves, one group at a time: a caller that finds no write under
 * way writes every item waiting (up to a group's size, its own included) in one call, and
 * completes each item's future with its result; callers that come meanwhile wait for the
 * write to end, and the first of them whose item is still unwritten writes the next
 * group. Nothing waits for a timer and no thread is handed the work: with one caller, the
 * group is its own item, written on its own thread (as a plain write would be); under
 * load, the items that arrive while a group is written form the next one, so the writes
 * per item fall as the load rises. An item is answered only once it is written. If a
 * group's write fails, every item of it fails with that error (the callers decide what a
 * retry is).
 *
 * @param <T> what is written
 * @param <R> each item's result
 */
public final class GroupCommits<T, R> implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(GroupCommits.class);

	private final String name;

	private final int maxGroup;

	private final Function<List<T>, List<R>> write;

	private final LinkedBlockingQueue<Waiting<T, R>> waiting = new LinkedBlockingQueue<>();

	/** Held by the caller writing a group: one group at a time. */
	private final ReentrantLock writer = new ReentrantLock();

	private final LongAdder groups = new LongAdder();

	private final LongAdder items = new LongAdder();

	/**
	 * Writes up to {@code maxGroup} items at once with {@code write}, which answers one
	 * result per item, in their order; {@code name} names it in logs.
	 */
	public GroupCommits(String name, int maxGroup, Function<List<T>, List<R>> write) {
		if (maxGroup < 1) {
			throw new IllegalArgumentException("maxGroup must be at least 1");
		}
		this.name = name;
		this.maxGroup = maxGroup;
		this.write = write;
	}

	/**
	 * The item's result once it is written, in a group with others waiting at the same
	 * time; waits at most {@code wait} (then the item may still be written by a later
	 * group).
	 */
	public R commit(T item, Duration wait) throws InterruptedException, ExecutionException, TimeoutException {
		long deadline = System.nanoTime() + wait.toNanos();
		CompletableFuture<R> done = enqueue(item);
		while (!done.isDone()) {
			long left = deadline - System.nanoTime();
			if (left <= 0 || !this.writer.tryLock(left, TimeUnit.NANOSECONDS)) {
				writeLeftovers();
				throw new TimeoutException(this.name + ": not written within " + wait);
			}
			try {
				if (!done.isDone()) {
					writeGroup();
				}
			}
			finally {
				this.writer.unlock();
			}
		}
		writeLeftovers();
		return done.get();
	}

	/**
	 * Hands the item in without waiting for it: written now if no write is under way,
	 * else by the caller ending that write or one after it.
	 */
	public CompletableFuture<R> submit(T item) {
		CompletableFuture<R> done = enqueue(item);
		writeLeftovers();
		return done;
	}

	/** Items waiting to be written now. */
	public int waiting() {
		return this.waiting.size();
	}

	/** Groups written so far, and the items in them. */
	public long[] counts() {
		return new long[] { this.groups.sum(), this.items.sum() };
	}

	private CompletableFuture<R> enqueue(T item) {
		CompletableFuture<R> done = new CompletableFuture<>();
		this.waiting.add(new Waiting<>(item, done));
		return done;
	}

	/**
	 * Writes what waits while no caller is queued to write it: items handed in by
	 * {@link #submit}, or left by a caller that timed out, are never left behind. Every
	 * caller runs it after its last write, having let go of the lock, so an item queued
	 * while that write was under way is seen here or by its own caller's attempt to
	 * write.
	 */
	private void writeLeftovers() {
		while (!this.waiting.isEmpty() && !this.writer.hasQueuedThreads() && this.writer.tryLock()) {
			try {
				writeGroup();
			}
			finally {
				this.writer.unlock();
			}
		}
	}

	/** Writes the items waiting, up to a group's size (under the writer lock). */
	private void writeGroup() {
		List<Waiting<T, R>> group = new ArrayList<>();
		this.waiting.drainTo(group, this.maxGroup);
		if (group.isEmpty()) {
			return;
		}
		List<T> batch = new ArrayList<>(group.size());
		group.forEach((item) -> batch.add(item.item()));
		try {
			List<R> results = this.write.apply(batch);
			if (results.size() != group.size()) {
				throw new IllegalStateException(
						"a group of " + group.size() + " answered " + results.size() + " results");
			}
			this.groups.increment();
			this.items.add(group.size());
			for (int i = 0; i < group.size(); i++) {
				group.get(i).done().complete(results.get(i));
			}
		}
		catch (RuntimeException ex) {
			log.warn("{}: a group of {} could not be written", this.name, group.size(), ex);
			group.forEach((item) -> item.done().completeExceptionally(ex));
		}
	}

	/** Fails the items still waiting, unwritten. */
	@Override
	public void close() {
		List<Waiting<T, R>> left = new ArrayList<>();
		this.waiting.drainTo(left);
		IllegalStateException closed = new IllegalStateException(this.name + " is closed");
		left.forEach((item) -> item.done().completeExceptionally(closed));
	}

	private record Waiting<T, R>(T item, CompletableFuture<R> done) {
	}

}
