package io.leadwire.launcher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local platform heals itself: a watched process killed with {@code kill -9} is
 * started again after its back-off, counted, and shown by {@code ./leadwire status}; one
 * forgotten (stopped on purpose) is not.
 */
class SupervisorTests {

	@TempDir
	Path home;

	@Test
	void aKilledProcessIsStartedAgainCountedAndShown() throws Exception {
		ManagedProcess first = sleeper();
		try (Supervisor supervisor = new Supervisor(this.home, List.of())) {
			AtomicInteger starts = new AtomicInteger();
			supervisor.watch("sleeper", 4711, first, () -> {
				starts.incrementAndGet();
				return sleeper();
			});
			first.kill();
			Awaitility.await()
				.atMost(Duration.ofSeconds(20))
				.until(() -> supervisor.status().get(0).restarts() == 1 && supervisor.status().get(0).alive());
			Supervisor.Status restarted = supervisor.status().get(0);
			assertThat(restarted.pid()).isNotEqualTo(first.pid());
			assertThat(restarted.port()).isEqualTo(4711);

			Awaitility.await()
				.atMost(Duration.ofSeconds(5))
				.until(() -> Files.readString(this.home.resolve(Supervisor.STATUS_FILE)).contains("\"restarts\":1"));
			ByteArrayOutputStream printed = new ByteArrayOutputStream();
			assertThat(StatusCommand.print(this.home, new PrintStream(printed, true, StandardCharsets.UTF_8))).isZero();
			assertThat(printed.toString(StandardCharsets.UTF_8))
				.containsPattern("sleeper\\s+" + restarted.pid() + "\\s+4711\\s+0m \\d\\ds\\s+1");

			supervisor.forget("sleeper");
			ProcessHandle.of(restarted.pid()).ifPresent(ProcessHandle::destroyForcibly);
			Awaitility.await()
				.during(Supervisor.TICK.multipliedBy(3))
				.atMost(Supervisor.TICK.multipliedBy(5))
				.until(() -> starts.get() == 1);
			assertThat(supervisor.status()).isEmpty();
		}
		assertThat(this.home.resolve(Supervisor.STATUS_FILE)).doesNotExist();
		assertThat(StatusCommand.print(this.home, new PrintStream(new ByteArrayOutputStream()))).isEqualTo(1);
	}

	@Test
	void uptimeReadsLikeAClock() {
		assertThat(StatusCommand.uptime(Duration.ofSeconds(65))).isEqualTo("1m 05s");
		assertThat(StatusCommand.uptime(Duration.ofMinutes(125))).isEqualTo("2h 05m");
	}

	private ManagedProcess sleeper() throws Exception {
		return ManagedProcess.startJava("sleeper",
				List.of("-cp", System.getProperty("java.class.path"), Sleeper.class.getName()), Map.of(),
				this.home.resolve("logs"));
	}

	/** A child process that does nothing for a while. */
	public static final class Sleeper {

		public static void main(String[] args) throws InterruptedException {
			Thread.sleep(Duration.ofMinutes(2));
		}

	}

}
