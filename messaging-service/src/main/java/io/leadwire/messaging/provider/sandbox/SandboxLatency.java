package io.leadwire.messaging.provider.sandbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long the sandbox takes to answer one kind of call, as a provider would: a
 * log-normal distribution fixed by its median and 99th percentile (the shape of network
 * and service latencies: most calls near the median, a long tail). Written
 * {@code p50/p99} ({@code 300ms/900ms}); one value is a fixed latency; {@code 0} none.
 *
 * @param p50 the median
 * @param p99 the 99th percentile (at least the median)
 */
public record SandboxLatency(Duration p50, Duration p99) {

	/** The standard normal's 99th percentile. */
	private static final double Z99 = 2.326_347_874;

	public static final SandboxLatency NONE = new SandboxLatency(Duration.ZERO, Duration.ZERO);

	public SandboxLatency {
		if (p50.isNegative() || p99.compareTo(p50) < 0) {
			throw new IllegalArgumentException("a latency needs 0 <= p50 <= p99, got " + p50 + "/" + p99);
		}
	}

	/** {@code 300ms/900ms}, {@code 250ms} or {@code 0}. */
	public static SandboxLatency parse(String text) {
		String value = (text == null) ? "" : text.strip();
		if (value.isEmpty() || value.equals("0")) {
			return NONE;
		}
		String[] parts = value.split("/", -1);
		if (parts.length > 2) {
			throw new IllegalArgumentException("a latency is p50/p99, e.g. 300ms/900ms: " + text);
		}
		Duration p50 = duration(parts[0]);
		return new SandboxLatency(p50, (parts.length == 2) ? duration(parts[1]) : p50);
	}

	/** One call's latency. */
	public Duration sample() {
		if (this.p50.isZero()) {
			return Duration.ZERO;
		}
		double median = this.p50.toNanos();
		double sigma = Math.log((double) this.p99.toNanos() / median) / Z99;
		double nanos = median * Math.exp(sigma * ThreadLocalRandom.current().nextGaussian());
		return Duration.ofNanos((long) nanos);
	}

	/** Waits one call's latency (a provider's answer on its way). */
	void await() {
		Duration wait = sample();
		if (wait.isZero()) {
			return;
		}
		try {
			Thread.sleep(wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public String toString() {
		return this.p50.toMillis() + "ms/" + this.p99.toMillis() + "ms";
	}

	private static Duration duration(String text) {
		String value = text.strip().toLowerCase(java.util.Locale.ROOT);
		if (value.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2).strip()));
		}
		if (value.endsWith("s")) {
			return Duration
				.ofMillis((long) (Double.parseDouble(value.substring(0, value.length() - 1).strip()) * 1000));
		}
		if (value.equals("0")) {
			return Duration.ZERO;
		}
		throw new IllegalArgumentException("a latency is written 300ms or 1.5s: " + text);
	}

}
