package io.leadwire.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the local platform's processes running: one that dies (a crash, the kernel's
 * out-of-memory killer, {@code kill -9}) is started again after a back-off — 1 s,
 * doubling up to 30 s, and back to 1 s once it stayed up a minute — logged and counted.
 * What it watches is written to {@value #STATUS_FILE} in the platform's home every
 * {@link #TICK}, which {@code ./leadwire status} prints.
 */
public final class Supervisor implements AutoCloseable {

	static final String STATUS_FILE = "status.json";

	static final Duration TICK = Duration.ofSeconds(1);

	static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

	static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	/** Up this long, a process's next restart waits the first back-off again. */
	static final Duration STABLE = Duration.ofMinutes(1);

	private static final Logger log = LoggerFactory.getLogger(Supervisor.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, Watched> watched = new LinkedHashMap<>();

	private final Path statusFile;

	private final List<Status> inProcess;

	private final ScheduledExecutorService ticker = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("leadwire-supervisor").daemon().factory());

	private volatile boolean closing;

	/**
	 * @param home where the status file goes
	 * @param inProcess what runs inside the launcher itself (MongoDB, Redis): shown, not
	 * restarted
	 */
	Supervisor(Path home, List<Status> inProcess) {
		this.statusFile = home.resolve(STATUS_FILE);
		this.inProcess = List.copyOf(inProcess);
		this.ticker.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** From now on {@code process} is started again with {@code restart} if it dies. */
	synchronized void watch(String name, int port, ManagedProcess process, Callable<ManagedProcess> restart) {
		this.watched.put(name, new Watched(name, port, process, restart));
	}

	/** No longer restarted (stopped on purpose). */
	synchronized void forget(String name) {
		this.watched.remove(name);
	}

	/** Every watched process and what runs in the launcher, in start order. */
	synchronized List<Status> status() {
		List<Status> all = new ArrayList<>(this.inProcess);
		for (Watched process : this.watched.values()) {
			all.add(new Status(process.name, process.process.pid(), process.port, process.startedAt, process.restarts,
					process.process.isAlive()));
		}
		return all;
	}

	synchronized void tick() {
		if (this.closing) {
			return;
		}
		Instant now = Instant.now();
		for (Watched process : this.watched.values()) {
			try {
				check(process, now);
			}
			catch (RuntimeException ex) {
				log.error("Supervising {} failed", process.name, ex);
			}
		}
		writeStatus();
	}

	private void check(Watched process, Instant now) {
		if (process.process.isAlive()) {
			if (Duration.between(process.startedAt, now).compareTo(STABLE) >= 0) {
				process.backoff = FIRST_BACKOFF;
			}
			return;
		}
		if (process.retryAt == null) {
			process.retryAt = now.plus(process.backoff);
			log.warn("{} (pid {}) died with exit code {}; restarting it in {} s (restart #{})", process.name,
					process.process.pid(), process.process.exitCode(), process.backoff.toSeconds(),
					process.restarts + 1);
			return;
		}
		if (now.isBefore(process.retryAt)) {
			return;
		}
		process.backoff = min(process.backoff.multipliedBy(2), MAX_BACKOFF);
		try {
			process.process = process.restart.call();
			process.startedAt = Instant.now();
			process.restarts++;
			process.retryAt = null;
			log.info("{} restarted (pid {}, restart #{}); see {}", process.name, process.process.pid(),
					process.restarts, process.process.log());
		}
		catch (Exception ex) {
			process.retryAt = Instant.now().plus(process.backoff);
			log.error("{} could not be restarted ({}); trying again in {} s", process.name, ex.getMessage(),
					process.backoff.toSeconds());
		}
	}

	private void writeStatus() {
		try {
			Path temporary = this.statusFile.resolveSibling(STATUS_FILE + ".tmp");
			Files.writeString(temporary, JSON
				.writeValueAsString(new StatusFile(ProcessHandle.current().pid(), Instant.now().toString(), status())));
			Files.move(temporary, this.statusFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException | RuntimeException ex) {
			log.debug("Status not written: {}", ex.toString());
		}
	}

	@Override
	public void close() {
		this.closing = true;
		this.ticker.shutdownNow();
		try {
			Files.deleteIfExists(this.statusFile);
		}
		catch (IOException ex) {
			log.debug("Status file left: {}", ex.toString());
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/** One process as {@code ./leadwire status} shows it. */
	public record Status(String name, long pid, int port, Instant startedAt, int restarts, boolean alive) {
	}

	/** The status file: which launcher wrote it, when, and its processes. */
	record StatusFile(long launcherPid, String updatedAt, List<Status> processes) {
	}

	private static final class Watched {

		private final String name;

		private final int port;

		private final Callable<ManagedProcess> restart;

		private ManagedProcess process;

		private Instant startedAt;

		private int restarts;

		private Duration backoff = FIRST_BACKOFF;

		private Instant retryAt;

		Watched(String name, int port, ManagedProcess process, Callable<ManagedProcess> restart) {
			this.name = name;
			this.port = port;
			this.process = process;
			this.restart = restart;
			this.startedAt = process.startedAt();
		}

	}

}
