package io.leadwire.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import java.net.http.HttpRequest;

import io.leadwire.testing.HttpJson;
import tools.jackson.databind.JsonNode;

import io.leadwire.launcher.LauncherSettings;

/**
 * The platform as the whole-platform benchmarks start it: the launcher's ephemeral
 * settings in a temporary home, full JIT with {@code -Dbench.jvm=} (default given), and
 * the limits of client addresses (the gateway's) and of the professional plan (the seeded
 * Globex tenant's: apikey-service's starting plan, {@code LEADWIRE_PLANS_INITIAL_*})
 * lifted, so the benchmark measures the path, not the rate limiter.
 */
final class BenchPlatform {

	private static final String UNLIMITED = "1000000000";

	private BenchPlatform() {
	}

	static LauncherSettings settings(String defaultJvm) throws IOException {
		return settings(defaultJvm, Map.of());
	}

	/** As {@link #settings(String)}, with more environment for every process. */
	static LauncherSettings settings(String defaultJvm, Map<String, String> extra) throws IOException {
		Path home = Files.createTempDirectory("leadwire-bench");
		Path project = Path.of(System.getProperty("leadwire.project", "..")).toAbsolutePath().normalize();
		Map<String, String> environment = new java.util.HashMap<>(extra);
		environment.putAll(Map.of("LEADWIRE_GATEWAY_RATELIMITS_IP_PERMINUTE", UNLIMITED,
				"LEADWIRE_GATEWAY_RATELIMITS_IP_BURST", UNLIMITED, "LEADWIRE_GATEWAY_RATELIMITS_IP_PERDAY", UNLIMITED,
				"LEADWIRE_PLANS_INITIAL_PROFESSIONAL_PERMINUTE", UNLIMITED, "LEADWIRE_PLANS_INITIAL_PROFESSIONAL_BURST",
				UNLIMITED, "LEADWIRE_PLANS_INITIAL_PROFESSIONAL_PERDAY", UNLIMITED));
		LauncherSettings local = LauncherSettings.ephemeral(project, home, environment);
		List<String> jvm = List.of(System.getProperty("bench.jvm", defaultJvm).split("\\s+"));
		return new LauncherSettings(local.projectDir(), home, false, local.ports(), null, null, null, jvm, environment);
	}

	/**
	 * Imports a contacts CSV through the gateway (with {@code fields}, such as
	 * {@code group_id}) and waits for the job's end; the finished job.
	 */
	static JsonNode importContacts(HttpJson client, Path csv, Map<String, String> fields) throws Exception {
		HttpJson.Response accepted = client.upload("/v1/contacts/import", "contacts.csv",
				HttpRequest.BodyPublishers.ofFile(csv), fields);
		if (accepted.status() != 202) {
			throw new IllegalStateException("import refused: " + accepted.body());
		}
		String id = accepted.data().get("id").asString();
		JsonNode job;
		do {
			Thread.sleep(200);
			job = client.get("/v1/contacts/imports/" + id).data();
		}
		while (!job.get("status").asString().equals("completed") && !job.get("status").asString().equals("failed"));
		return job;
	}

}
