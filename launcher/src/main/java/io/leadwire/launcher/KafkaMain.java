package io.leadwire.launcher;

import java.util.concurrent.CompletableFuture;

/**
 * Runs {@code kafka.Kafka} and stops it when the launcher is gone, however the launcher
 * ended.
 */
public final class KafkaMain {

	private KafkaMain() {
	}

	public static void main(String[] args) throws Exception {
		String parent = System.getenv("LEADWIRE_PARENT_PID");
		if (parent != null) {
			ProcessHandle.of(Long.parseLong(parent))
				.map(ProcessHandle::onExit)
				.orElse(CompletableFuture.completedFuture(null))
				.thenRun(() -> System.exit(0));
		}
		kafka.Kafka.main(args);
	}

}
