package io.leadwire.common.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named daemon threads for a service's background pools (imports, checks): they never
 * hold a JVM open at shutdown, and thread dumps say what they are.
 */
public final class DaemonThreads {

	private DaemonThreads() {
	}

	/** Threads named {@code <prefix>-1}, {@code <prefix>-2}, …. */
	public static ThreadFactory named(String prefix) {
		AtomicInteger counter = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, prefix + "-" + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
