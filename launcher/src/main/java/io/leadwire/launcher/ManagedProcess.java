package io.leadwire.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A child JVM with its output in a log file, stopped gently (then forcibly) with the
 * platform.
 */
final class ManagedProcess {

	private final String name;

	private final Process process;

	private final Path log;

	private ManagedProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	static ManagedProcess startJava(String name, List<String> jvmArguments, Map<String, String> environment,
			Path logDir) throws IOException {
		Files.createDirectories(logDir);
		Path log = logDir.resolve(name + ".log");
		List<String> command = new ArrayList<>();
		command.add(javaExecutable());
		command.addAll(jvmArguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().putAll(environment);
		builder.environment().put("LEADWIRE_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
		return new ManagedProcess(name, builder.start(), log);
	}

	static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	String name() {
		return this.name;
	}

	Path log() {
		return this.log;
	}

	/** When the process started (now, if the system cannot tell). */
	java.time.Instant startedAt() {
		return this.process.info().startInstant().orElse(java.time.Instant.now());
	}

	long pid() {
		return this.process.pid();
	}

	/** The exit code, or -1 while it runs. */
	int exitCode() {
		return this.process.isAlive() ? -1 : this.process.exitValue();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	int waitForExit(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException(this.name + " did not finish within " + timeout);
		}
		return this.process.exitValue();
	}

	/** Waits until {@code ready} holds, failing fast if the process dies first. */
	void awaitReady(BooleanSupplier ready, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!ready.getAsBoolean()) {
			if (this.process.waitFor(200, TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException(this.name + " exited during start-up (code " + this.process.exitValue()
						+ "); see " + this.log + "\n" + tail());
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(this.name + " was not ready within " + timeout + "; see " + this.log);
			}
		}
	}

	/** SIGKILL, and waits until it is gone. */
	void kill() throws InterruptedException {
		this.process.descendants().forEach(ProcessHandle::destroyForcibly);
		this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
	}

	/**
	 * Asks the process to stop (SIGTERM); the caller waits with {@link #awaitStopped}.
	 */
	void requestStop() {
		this.process.descendants().forEach(ProcessHandle::destroy);
		this.process.destroy();
	}

	void awaitStopped(Duration grace) throws InterruptedException {
		if (!this.process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
			this.process.descendants().forEach(ProcessHandle::destroyForcibly);
			this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
		}
	}

	String tail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
		}
		catch (IOException ex) {
			return "(no log)";
		}
	}

}
