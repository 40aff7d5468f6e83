package io.leadwire.e2e;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.leadwire.launcher.Supervisor;
import io.leadwire.testing.HttpJson;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service of the local platform killed outright comes back by itself: the launcher's
 * supervisor starts it again, counts the restart, and the API answers again through the
 * gateway.
 */
@Order(Integer.MAX_VALUE - 4)
class SelfHealingE2ETests {

	static RunningPlatform platform;

	@BeforeAll
	static void start() throws Exception {
		platform = RunningPlatform.get();
	}

	@Test
	void aKilledServiceIsStartedAgainAndAnswersOnceMore() throws Exception {
		HttpJson client = platform.newTenant("Self Healing");
		assertThat(client.get("/v1/contacts?limit=1").status()).isEqualTo(200);
		long before = pid("contacts-service");

		platform.platform().kill("contacts-service");

		Awaitility.await()
			.atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> client.get("/v1/contacts?limit=1").status() == 200);
		Supervisor.Status restarted = platform.platform()
			.status()
			.stream()
			.filter((s) -> s.name().equals("contacts-service"))
			.findFirst()
			.orElseThrow();
		assertThat(restarted.restarts()).isEqualTo(1);
		assertThat(restarted.alive()).isTrue();
		assertThat(restarted.pid()).isNotEqualTo(before);
	}

	private static long pid(String name) {
		return platform.platform()
			.status()
			.stream()
			.filter((s) -> s.name().equals(name))
			.findFirst()
			.orElseThrow()
			.pid();
	}

}
