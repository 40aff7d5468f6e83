package io.leadwire.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./leadwire status}: every process of the running local platform, its port, its
 * uptime and how often it was restarted, from the status file its launcher keeps
 * ({@link Supervisor}).
 */
final class StatusCommand {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private StatusCommand() {
	}

	/** Prints the status; the exit code (1 when no platform runs from {@code home}). */
	static int print(Path home, PrintStream out) throws IOException {
		Path file = home.resolve(Supervisor.STATUS_FILE);
		if (!Files.exists(file)) {
			out.println("Leadwire is not running from " + home + " (no " + Supervisor.STATUS_FILE + ").");
			return 1;
		}
		JsonNode status = JSON.readTree(Files.readString(file));
		long launcher = status.get("launcherPid").asLong();
		if (ProcessHandle.of(launcher).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE) {
			out.println("Leadwire is not running from " + home + " (its launcher, pid " + launcher + ", is gone).");
			return 1;
		}
		Instant now = Instant.now();
		out.printf("Leadwire from %s: launcher pid %d, as of %s%n", home, launcher, status.get("updatedAt").asString());
		out.printf("%-28s %8s %6s %12s %9s%n", "PROCESS", "PID", "PORT", "UP", "RESTARTS");
		for (JsonNode process : status.get("processes")) {
			boolean alive = process.get("alive").asBoolean();
			String up = alive ? uptime(Duration.between(instant(process.get("startedAt")), now)) : "down";
			out.printf("%-28s %8d %6d %12s %9d%n", process.get("name").asString(), process.get("pid").asLong(),
					process.get("port").asInt(), up, process.get("restarts").asInt());
		}
		return 0;
	}

	/**
	 * An ISO-8601 instant, or seconds since the epoch (either way a mapper may write it).
	 */
	private static Instant instant(JsonNode value) {
		if (value.isString()) {
			return Instant.parse(value.asString());
		}
		double seconds = value.asDouble();
		return Instant.ofEpochSecond((long) seconds, (long) ((seconds % 1) * 1e9));
	}

	static String uptime(Duration up) {
		long seconds = Math.max(0, up.toSeconds());
		if (seconds < 3600) {
			return String.format("%dm %02ds", seconds / 60, seconds % 60);
		}
		return String.format("%dh %02dm", seconds / 3600, (seconds % 3600) / 60);
	}

}
