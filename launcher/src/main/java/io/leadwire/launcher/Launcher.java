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
		// Keycloak (the console's sign-in) starts first and warms up while the services
		// start.
		KeycloakServer keycloak = null;
		if (LocalKeycloak.wanted(System.getenv())) {
			keycloak = LocalKeycloak.start(settings, secrets, System.getenv());
			settings = settings.withServiceEnvironment(LocalKeycloak.serviceEnvironment(keycloak));
		}
		KeycloakServer signIn = keycloak;
		Platform platform;
		try {
			platform = Platform.start(settings, secrets);
			if (signIn != null) {
				signIn.awaitReady(java.time.Duration.ofSeconds(180));
			}
		}
		catch (IllegalStateException ex) {
			log.error("Could not start Leadwire: {}", ex.getMessage());
			if (signIn != null) {
				signIn.close();
			}
			System.exit(1);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			log.info("Stopping Leadwire…");
			platform.close();
			if (signIn != null) {
				signIn.close();
			}
			log.info("Stopped.");
			stopped.countDown();
		}, "leadwire-stop"));
		Path credentialsFile = settings.home().resolve("credentials.json");
		DemoSeeder seeder = new DemoSeeder(settings.gatewayUrl(), secrets.platformAdminKey());
		JsonNode credentials = seeder.seedOrReuse(credentialsFile);
		if (signIn != null) {
			credentials = seeder.withConsoleUsers(credentialsFile, credentials, settings.gatewayUrl() + "/app/");
		}
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
		JsonNode console = credentials.path("console");
		if (console.path("users").size() > 0) {
			text.append("\nConsole: ").append(console.get("url").asString()).append("  sign in as:\n");
			for (JsonNode user : console.get("users")) {
				text.append(String.format("  %-18s %s / %s%n", user.get("tenant").asString(),
						user.get("username").asString(), user.get("password").asString()));
			}
		}
		text.append("\nTry it:\n");
		text.append(String.format(
				"  curl -s -X POST %s/v1/leads -H 'X-API-Key: %s' -H 'Content-Type: application/json' "
						+ "-d '{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"phone\":\"+16502530000\"}'%n",
				url, key));
		text.append(String.format("  curl -s '%s/v1/leads?limit=10' -H 'X-API-Key: %s'%n", url, key));
		return text.toString();
	}

}
