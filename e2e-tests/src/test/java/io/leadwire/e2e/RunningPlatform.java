package io.leadwire.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.leadwire.common.id.IdCodec;
import io.leadwire.launcher.DemoSeeder;
import io.leadwire.launcher.KeycloakServer;
import io.leadwire.launcher.LauncherSettings;
import io.leadwire.launcher.LocalSecrets;
import io.leadwire.launcher.Platform;
import io.leadwire.testing.HttpJson;
import tools.jackson.databind.JsonNode;

/**
 * The whole platform, started once per test JVM exactly as the launcher starts it (same
 * code, free ports, in-memory MongoDB, a scratch state directory) and seeded through the
 * gateway. Every response the suites receive is kept, so traffic-wide rules can be
 * checked at the end.
 */
final class RunningPlatform {

	static final String KEYCLOAK_ADMIN_PASSWORD = "admin-e2e-password";

	private static RunningPlatform instance;

	private volatile Platform platform;

	private final KeycloakServer keycloak;

	private final WahaStub waha;

	private final JsonNode credentials;

	private final List<HttpJson.Response> responses = new CopyOnWriteArrayList<>();

	private final java.util.Set<String> keysUsed = java.util.concurrent.ConcurrentHashMap.newKeySet();

	private RunningPlatform() throws Exception {
		Path home = Files.createTempDirectory("leadwire-e2e");
		Path project = Path.of("..").toAbsolutePath().normalize();
		// Keycloak starts first and warms up while the platform starts; the gateway
		// fetches its keys lazily.
		this.keycloak = KeycloakServer.start(Path.of(System.getProperty("leadwire.keycloak.home", "missing")),
				project.resolve("keycloak/leadwire-realm.json"), null, Platform.freePort(), KEYCLOAK_ADMIN_PASSWORD,
				home.resolve("logs"));
		// Every suite's client is 127.0.0.1: its limit is raised here, and the plans'
		// in raisePlans(), so that suites about other things are not throttled.
		// 999,999: internal ids start at 1,000,000, and the id audit
		// (PublicIdAuditE2ETests) flags any number equal to one.
		// Live sessions may ask for WAHA (a third party: stubbed at the HTTP level); the
		// default provider stays the sandbox.
		this.waha = WahaStub.start();
		Map<String, String> environment = Map.ofEntries(Map.entry("LEADWIRE_WAHA_URL", this.waha.url()),
				Map.entry("LEADWIRE_JWT_ISSUER", this.keycloak.issuer()), Map.entry("LEADWIRE_JWT_CLOCK_SKEW", "0s"),
				Map.entry("KEYCLOAK_URL", this.keycloak.url()),
				Map.entry("KEYCLOAK_CLIENT_SECRET", "leadwire-backend-local-secret"),
				Map.entry("LEADWIRE_GATEWAY_RATELIMITS_IP_PERMINUTE", "999999"),
				Map.entry("LEADWIRE_GATEWAY_RATELIMITS_IP_BURST", "999999"),
				// JobTakeoverE2ETests: a killed replica's jobs are taken over after 5 s,
				// and its
				// verification batch checks sites that never answer, a second each.
				Map.entry("LEADWIRE_JOBS_LEASE", "5s"), Map.entry("LEADS_VERIFY_READ_TIMEOUT", "1s"),
				Map.entry("LEADS_VERIFY_CONNECT_TIMEOUT", "1s"),
				// WebhooksE2ETests: a customer's receiver on loopback (receiver.test), a
				// whole retry schedule in about a second, a short timeout and a small
				// tenant share, so that a slow tenant's effect shows in seconds; a killed
				// replica's messages are taken over after 5 s.
				Map.entry("LEADWIRE_WEBHOOKS_RETRY_SCHEDULE", "300ms,300ms,300ms"),
				Map.entry("LEADWIRE_WEBHOOKS_TIMEOUT", "1s"), Map.entry("LEADWIRE_WEBHOOKS_TENANT_IN_FLIGHT", "4"),
				Map.entry("LEADWIRE_WEBHOOKS_LEASE", "5s"),
				Map.entry("SPRING_APPLICATION_JSON",
						"{\"leadwire\":{\"leads\":{\"verify\":{\"test-hosts\":{\"silent.test\":\"127.0.0.1\"}}},"
								+ "\"webhooks\":{\"test-hosts\":{\"receiver.test\":\"127.0.0.1\"}}}}"));
		LauncherSettings settings = LauncherSettings.ephemeral(project, home, environment);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			if (this.platform != null) {
				this.platform.close();
			}
			this.keycloak.close();
			this.waha.close();
			deleteExceptLogs(home);
		}, "e2e-platform-stop"));
		this.platform = Platform.start(settings, LocalSecrets.ephemeral());
		raisePlans();
		this.keycloak.awaitReady(java.time.Duration.ofSeconds(180));
		DemoSeeder seeder = new DemoSeeder(gatewayUrl(), this.platform.secrets().platformAdminKey());
		// As ./leadwire does: the demo tenants, then the console's demo sign-ins.
		this.credentials = seeder.withConsoleUsers(home.resolve("credentials.json"),
				seeder.seedOrReuse(home.resolve("credentials.json")), gatewayUrl() + "/app/");
	}

	/**
	 * Acme is on the free plan and the tenants tests make are enterprise ones (the fuzz
	 * suite sends ~1,500 requests in seconds): those two plans are raised, as a platform
	 * administrator would, so suites about other things are not throttled (the gateway's
	 * RateLimitTests use the real plans). Waits until the gateway holds the change.
	 */
	private void raisePlans() {
		HttpJson admin = withKey(this.platform.secrets().platformAdminKey());
		for (String plan : new String[] { "free", "enterprise" }) {
			HttpJson.Response raised = admin.put("/v1/admin/plans/" + plan,
					Map.of("perMinute", 999_999, "burst", 999_999, "perDay", 100_000_000));
			if (raised.status() != 200) {
				throw new IllegalStateException("Raising plan " + plan + " failed: " + raised.body());
			}
		}
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(10))
			.pollInterval(java.time.Duration.ofMillis(100))
			.until(() -> "999999".equals(admin.get("/v1/users/me").header("X-RateLimit-Limit")));
	}

	/** Data goes; logs stay for a look after a failed run (one small folder per run). */
	private static void deleteExceptLogs(Path home) {
		try (java.util.stream.Stream<Path> paths = Files.walk(home)) {
			paths.sorted(java.util.Comparator.reverseOrder())
				.filter((path) -> !path.startsWith(home.resolve("logs")) && !path.equals(home))
				.forEach((path) -> path.toFile().delete());
		}
		catch (java.io.IOException ex) {
			// Best effort: it is a temporary folder.
		}
	}

	static synchronized RunningPlatform get() throws Exception {
		if (instance == null) {
			instance = new RunningPlatform();
		}
		return instance;
	}

	/** The WAHA server live sessions asking for {@code waha} are created at. */
	WahaStub waha() {
		return this.waha;
	}

	KeycloakServer keycloak() {
		return this.keycloak;
	}

	Platform platform() {
		return this.platform;
	}

	String gatewayUrl() {
		return "http://127.0.0.1:" + this.platform.settings().port("gateway");
	}

	String serviceUrl(String service) {
		return "http://127.0.0.1:" + this.platform.settings().port(service);
	}

	JsonNode credentials() {
		return this.credentials;
	}

	JsonNode tenant(int index) {
		return this.credentials.get("tenants").get(index);
	}

	/** A gateway client whose responses are all recorded. */
	HttpJson gateway() {
		return new HttpJson(gatewayUrl(), this.responses::add);
	}

	HttpJson withKey(String key) {
		this.keysUsed.add(key);
		return gateway().header("X-API-Key", key);
	}

	/**
	 * A client with the live key of a new tenant of its own (plan {@code enterprise}),
	 * for tests that count what a tenant holds.
	 */
	HttpJson newTenant(String name) {
		return withKey(createTenant(name).get("liveKey").asString());
	}

	/**
	 * A new tenant (plan {@code enterprise}): its id, owner and both keys, recorded as
	 * used.
	 */
	JsonNode createTenant(String name) {
		String slug = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
		HttpJson.Response created = withKey(this.platform.secrets().platformAdminKey()).post("/v1/admin/tenants",
				java.util.Map.of("name", name, "plan", "enterprise", "ownerName", name + " Owner", "ownerEmail",
						"owner@" + slug + ".example"));
		if (created.status() != 201) {
			throw new IllegalStateException("Creating tenant " + name + " failed: " + created.body());
		}
		this.keysUsed.add(created.data().get("liveKey").asString());
		this.keysUsed.add(created.data().get("testKey").asString());
		return created.data();
	}

	/** The signed context a tenant's request carries, for calls straight to a service. */
	String signedContext(long tenantId) {
		return new io.leadwire.common.context.ContextSigner(this.platform.secrets().contextSecret(),
				java.time.Duration.ofSeconds(30), java.time.Clock.systemUTC())
			.sign(io.leadwire.common.context.RequestContext.tenant(tenantId,
					io.leadwire.common.context.Environment.LIVE, null, null, "enterprise", "e2e-direct"));
	}

	/** As {@link #signedContext}, for the tenant's test environment. */
	String testContext(long tenantId) {
		return new io.leadwire.common.context.ContextSigner(this.platform.secrets().contextSecret(),
				java.time.Duration.ofSeconds(30), java.time.Clock.systemUTC())
			.sign(io.leadwire.common.context.RequestContext.tenant(tenantId,
					io.leadwire.common.context.Environment.TEST, null, null, "enterprise", "e2e-direct"));
	}

	/** Records a key sent by other means than {@link #withKey} (raw requests). */
	void keyUsed(String key) {
		this.keysUsed.add(key);
	}

	/** The job at {@code path} once it has completed or failed (within 90 s). */
	static JsonNode awaitJob(HttpJson client, String path) {
		JsonNode[] job = new JsonNode[1];
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(90))
			.pollInterval(java.time.Duration.ofMillis(200))
			.until(() -> {
				job[0] = client.get(path).data();
				String status = job[0].get("status").asString();
				return status.equals("completed") || status.equals("failed");
			});
		return job[0];
	}

	/** Every key the suites sent, plus every key the platform issued to them. */
	java.util.Set<String> keysUsed() {
		java.util.Set<String> keys = new java.util.HashSet<>(this.keysUsed);
		keys.add(this.platform.secrets().platformAdminKey());
		this.credentials.findValuesAsString("liveKey").forEach(keys::add);
		this.credentials.findValuesAsString("testKey").forEach(keys::add);
		for (HttpJson.Response response : this.responses) {
			if (response.body() != null && response.body().contains("\"key\":\"lw_")) {
				response.json().findValuesAsString("key").forEach(keys::add);
			}
		}
		return keys;
	}

	Path logDirectory() {
		return this.platform.settings().home().resolve("logs");
	}

	String gatewayManagementUrl() {
		return "http://127.0.0.1:" + this.platform.settings().port("gateway-management");
	}

	IdCodec ids() {
		return new IdCodec(this.platform.secrets().idSalt());
	}

	List<HttpJson.Response> responses() {
		return this.responses;
	}

}
