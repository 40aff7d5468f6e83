package io.leadwire.contacts.export;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads an iterator (a database cursor) on a virtual thread of its own into chunks, at
 * most {@code ahead} chunks ahead of the consumer, so reading the next batch overlaps
 * with writing the last. Measured in ContactsBenchmark (docs/performance.md): without it
 * the export waited on each cursor batch in turn. A failure of the reader is thrown by
 * {@link #next()}; closing stops the reader.
 */
final class Prefetch implements AutoCloseable {

	private static final List<Object> END = List.of();

	private final BlockingQueue<Object> chunks;

	private final Thread reader;

	private volatile boolean closed;

	<T> Prefetch(Iterator<T> source, int chunkSize, int ahead) {
		this.chunks = new ArrayBlockingQueue<>(ahead);
		this.reader = Thread.ofVirtual().name("export-prefetch").start(() -> {
			try {
				List<T> chunk = new ArrayList<>(chunkSize);
				while (!this.closed && source.hasNext()) {
					chunk.add(source.next());
					if (chunk.size() == chunkSize) {
						put(chunk);
						chunk = new ArrayList<>(chunkSize);
					}
				}
				if (!chunk.isEmpty()) {
					put(chunk);
				}
				put(END);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (RuntimeException ex) {
				try {
					put(ex);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
				}
			}
		});
	}

	private void put(Object item) throws InterruptedException {
		while (!this.closed && !this.chunks.offer(item, 100, TimeUnit.MILLISECONDS)) {
			// wait for the consumer, unless it went away
		}
	}

	/** The next chunk; null after the last. */
	@SuppressWarnings("unchecked")
	<T> List<T> next() throws java.io.InterruptedIOException {
		Object item;
		try {
			item = this.chunks.take();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new java.io.InterruptedIOException("export interrupted");
		}
		if (item instanceof RuntimeException failure) {
			throw failure;
		}
		return (item == END) ? null : (List<T>) item;
	}

	@Override
	public void close() {
		this.closed = true;
		try {
			this.reader.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
