package io.leadwire.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * CPU each process of the platform spent between two snapshots (the load generator with
 * its in-process MongoDB, every service, Kafka, Redis), and what that comes to per item.
 */
final class CpuUse {

	private CpuUse() {
	}

	/** Nanoseconds of CPU by process so far. */
	static Map<String, Long> snapshot() {
		return GatewayOverheadBenchmark.cpuByProcess();
	}

	/** Nanoseconds of CPU by process since {@code before}. */
	static Map<String, Long> since(Map<String, Long> before) {
		Map<String, Long> used = new TreeMap<>();
		snapshot().forEach((name, value) -> {
			if (!name.startsWith(GatewayOverheadBenchmark.SWITCHES)) {
				used.put(name, value - before.getOrDefault(name, 0L));
			}
		});
		return used;
	}

	/** Each process's CPU per item and the sum, in µs. */
	static String perItemMicros(Map<String, Long> cpu, long count) {
		StringBuilder text = new StringBuilder();
		long total = 0;
		for (Map.Entry<String, Long> process : cpu.entrySet()) {
			if (process.getValue() <= 0) {
				continue;
			}
			total += process.getValue();
			text.append(process.getKey()).append(' ').append(process.getValue() / count / 1000).append(" µs, ");
		}
		return text.append("all ").append(total / count / 1000).append(" µs").toString();
	}

	/** The CPU of every process together per item, in ms. */
	static double totalMillisPerItem(Map<String, Long> cpu, long count) {
		return cpu.values().stream().filter((used) -> used > 0).mapToLong(Long::longValue).sum() / 1e6 / count;
	}

}
