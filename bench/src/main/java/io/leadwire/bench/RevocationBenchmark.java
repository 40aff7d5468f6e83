package io.leadwire.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.leadwire.launcher.DemoSeeder;
import io.leadwire.launcher.LauncherSettings;
import io.leadwire.launcher.LocalSecrets;
import io.leadwire.launcher.Platform;
import io.leadwire.testing.HttpJson;
import tools.jackson.databind.JsonNode;

/**
 * Revoke-to-refusal delay across two gateway replicas of the real platform (started as
 * the launcher starts it): create a key, warm both replicas' caches, revoke through the
 * first, then time until each replica answers 403.
 */
public final class RevocationBenchmark {

	private static final Logger log = LoggerFactory.getLogger(RevocationBenchmark.class);

	private static final int ROUNDS = 20;

	private RevocationBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path home = Files.createTempDirectory("leadwire-bench");
		Path project = Path.of(System.getProperty("leadwire.project", "..")).toAbsolutePath().normalize();
		LauncherSettings settings = LauncherSettings.ephemeral(project, home, Map.of());
		try (Platform platform = Platform.start(settings, LocalSecrets.ephemeral())) {
			int secondPort = Platform.freePort();
			platform.startExtraGateway("gateway-2", secondPort, Platform.freePort());
			String first = "http://127.0.0.1:" + settings.port("gateway");
			JsonNode credentials = new DemoSeeder(first, platform.secrets().platformAdminKey())
				.seedOrReuse(home.resolve("credentials.json"));
			HttpJson owner = new HttpJson(first).header("X-API-Key",
					credentials.get("tenants").get(1).get("liveKey").asString());
			Percentiles[] delays = { new Percentiles(ROUNDS), new Percentiles(ROUNDS) };
			for (int round = 0; round < ROUNDS; round++) {
				JsonNode key = owner.post("/v1/api-keys", Map.of("name", "bench-" + round)).data();
				List<HttpJson> replicas = List.of(new HttpJson(first).header("X-API-Key", key.get("key").asString()),
						new HttpJson("http://127.0.0.1:" + secondPort).header("X-API-Key", key.get("key").asString()));
				for (HttpJson replica : replicas) {
					require(replica.get("/v1/leads").status() == 200, "warm-up request refused");
				}
				long revoked = System.nanoTime();
				require(owner.delete("/v1/api-keys/" + key.get("id").asString()).status() == 200, "revoke failed");
				for (int r = 0; r < replicas.size(); r++) {
					delays[r].add(untilRefused(replicas.get(r), revoked));
				}
			}
			log.info("revoke-to-refusal, gateway 1 (the one revoked through): {}", delays[0].millis());
			log.info("revoke-to-refusal, gateway 2 (the other replica):        {}", delays[1].millis());
		}
	}

	private static long untilRefused(HttpJson replica, long since) {
		long deadline = since + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			if (replica.get("/v1/leads").status() == 403) {
				return System.nanoTime() - since;
			}
		}
		throw new IllegalStateException("key still accepted 30 s after revocation");
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalStateException(message);
		}
	}

}
