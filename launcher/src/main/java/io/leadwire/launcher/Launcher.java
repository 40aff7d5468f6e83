package io.leadwire.launcher;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;

/**
 * {@code ./leadwire}: starts the whole platform locally, seeds the demo tenants, prints
 * their keys and a request to try, and restarts a process of it that dies; Ctrl-C stops
 * every process it started. {@code ./leadwire status} shows them.
 */
public final class Launcher {

	private static final Logger log = LoggerFactory.getLogger(Launcher.class);

	private Launcher() {
	}

	public static void main(String[] args) throws Exception {
		long started = System.nanoTime();
		LauncherSettings settings = LauncherSettings.fromEnvironment(System.getenv());
		if (args.length > 0 && args[0].equals("status")) {
			System.exit(StatusCommand.print(settings.home(), System.out));
			return;
		}
		log.info("Leadwire: starting locally (state in {})", settings.home());
		LocalSecrets secrets = LocalSecrets.loadOrCreate(settings.home());
		Platform platform;
		try {
			platform = Platform.start(settings, secrets);
		}
		catch (IllegalStateException ex) {
			log.error("Could not start Leadwire: {}", ex.getMessage());
			System.exit(1);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			log.info("Stopping Leadwire…");
			platform.close();
			log.info("Stopped.");
			stopped.countDown();
		}, "leadwire-stop"));
		Path credentialsFile = settings.home().resolve("credentials.json");
		JsonNode credentials = new DemoSeeder(settings.gatewayUrl(), secrets.platformAdminKey())
			.seedOrReuse(credentialsFile);
		double seconds = (System.nanoTime() - started) / 1e9;
		log.info(banner(settings, credentials, credentialsFile, seconds));
		stopped.await();
	}

	static String banner(LauncherSettings settings, JsonNode credentials, Path file, double seconds) {
		JsonNode acme = credentials.get("tenants").get(0);
		String key = acme.get("liveKey").asString();
		String url = settings.gatewayUrl();
		StringBuilder text = new StringBuilder();
		text.append(String.format("%nLeadwire is ready at %s (started in %.1f s). Ctrl-C stops everything.%n", url,
				seconds));
		text.append("Credentials: ").append(file).append('\n');
		for (JsonNode tenant : credentials.get("tenants")) {
			text.append(String.format("  %-8s (%s)  live %s  test %s%n", tenant.get("name").asString(),
					tenant.get("plan").asString(), tenant.get("liveKey").asString(), tenant.get("testKey").asString()));
		}
		JsonNode partner = credentials.get("partner");
		text.append(String.format("  %s (partner)  live %s%n", partner.get("name").asString(),
				partner.get("liveKey").asString()));
		text.append("\nTry it:\n");
		text.append(String.format(
				"  curl -s -X POST %s/v1/leads -H 'X-API-Key: %s' -H 'Content-Type: application/json' "
						+ "-d '{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"phone\":\"+16502530000\"}'%n",
				url, key));
		text.append(String.format("  curl -s '%s/v1/leads?limit=10' -H 'X-API-Key: %s'%n", url, key));
		return text.toString();
	}

}
