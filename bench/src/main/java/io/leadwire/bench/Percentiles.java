package io.leadwire.bench;

import java.util.Arrays;

/**
 * Latency samples in nanoseconds, summarised as percentiles.
 */
final class Percentiles {

	private final long[] samples;

	private int count;

	Percentiles(int capacity) {
		this.samples = new long[capacity];
	}

	void add(long nanos) {
		this.samples[this.count++] = nanos;
	}

	String micros() {
		long[] sorted = Arrays.copyOf(this.samples, this.count);
		Arrays.sort(sorted);
		return String.format("n=%d p50=%.1fµs p90=%.1fµs p99=%.1fµs p99.9=%.1fµs max=%.1fµs", this.count,
				at(sorted, 0.50) / 1e3, at(sorted, 0.90) / 1e3, at(sorted, 0.99) / 1e3, at(sorted, 0.999) / 1e3,
				sorted[sorted.length - 1] / 1e3);
	}

	String millis() {
		long[] sorted = Arrays.copyOf(this.samples, this.count);
		Arrays.sort(sorted);
		return String.format("n=%d p50=%.0fms p95=%.0fms max=%.0fms", this.count, at(sorted, 0.50) / 1e6,
				at(sorted, 0.95) / 1e6, sorted[sorted.length - 1] / 1e6);
	}

	/** Adds every sample of {@code other} (each client keeps its own while it runs). */
	void addAll(Percentiles other) {
		System.arraycopy(other.samples, 0, this.samples, this.count, other.count);
		this.count += other.count;
	}

	/** p50, p99 and max in milliseconds, with a decimal. */
	String tailMillis() {
		long[] sorted = Arrays.copyOf(this.samples, this.count);
		Arrays.sort(sorted);
		return String.format("n=%d p50=%.1fms p99=%.1fms max=%.1fms", this.count, at(sorted, 0.50) / 1e6,
				at(sorted, 0.99) / 1e6, sorted[sorted.length - 1] / 1e6);
	}

	int count() {
		return this.count;
	}

	/** The sample at {@code quantile} (0–1), in nanoseconds. */
	double at(double quantile) {
		long[] sorted = Arrays.copyOf(this.samples, this.count);
		Arrays.sort(sorted);
		return at(sorted, quantile);
	}

	private static double at(long[] sorted, double quantile) {
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
	}

}
