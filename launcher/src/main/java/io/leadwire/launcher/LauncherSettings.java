package io.leadwire.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where and how the platform runs locally. Every port and setting can be overridden by an
 * environment variable (see the README's configuration table).
 *
 * @param projectDir the checkout, whose modules' {@code target/} hold the service jars
 * @param home local state: data, logs, secrets, credentials
 * @param persistent keep MongoDB and Kafka data on disk across starts
 * @param ports every port, by name
 * @param externalMongoUri use this MongoDB instead of starting the wire server
 * @param externalKafka use these brokers instead of starting one
 * @param externalRedis {@code host:port} of a Redis to use instead of starting one
 * @param jvmOptions options for every service JVM
 * @param serviceEnvironment extra environment for every service (the launcher's own
 * environment is inherited anyway)
 */
public record LauncherSettings(Path projectDir, Path home, boolean persistent, Map<String, Integer> ports,
		String externalMongoUri, String externalKafka, String externalRedis, List<String> jvmOptions,
		Map<String, String> serviceEnvironment) {

	public static final List<String> SERVICES = List.of("apikey-service", "leads-service", "contacts-service",
			"campaign-service", "messaging-service", "webhook-service", "console", "gateway");

	static final List<String> DEFAULT_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
			"-Xmx384m", "-XX:+ExitOnOutOfMemoryError");

	public static LauncherSettings fromEnvironment(Map<String, String> env) {
		Path project = Path.of(env.getOrDefault("LEADWIRE_PROJECT_DIR", ".")).toAbsolutePath().normalize();
		Path home = Path.of(env.getOrDefault("LEADWIRE_HOME", project.resolve(".leadwire").toString()))
			.toAbsolutePath()
			.normalize();
		Map<String, Integer> ports = Map.ofEntries(port(env, "gateway", "GATEWAY_PORT", 8080),
				port(env, "gateway-management", "GATEWAY_MANAGEMENT_PORT", 8090),
				port(env, "apikey-service", "APIKEY_PORT", 8081), port(env, "leads-service", "LEADS_PORT", 8082),
				port(env, "contacts-service", "CONTACTS_PORT", 8083),
				port(env, "campaign-service", "CAMPAIGN_PORT", 8084),
				port(env, "messaging-service", "MESSAGING_PORT", 8085), port(env, "console", "CONSOLE_PORT", 8086),
				port(env, "webhook-service", "WEBHOOK_PORT", 8087),
				port(env, "console-management", "CONSOLE_MANAGEMENT_PORT", 8096),
				port(env, "kafka", "KAFKA_PORT", 9092), port(env, "kafka-controller", "KAFKA_CONTROLLER_PORT", 9093),
				port(env, "mongo", "MONGO_PORT", 27017), port(env, "redis", "REDIS_PORT", 6379),
				port(env, "keycloak", "KEYCLOAK_PORT", 8180));
		String jvm = env.get("LEADWIRE_JVM_OPTS");
		List<String> jvmOptions = (jvm == null || jvm.isBlank()) ? DEFAULT_JVM_OPTIONS
				: List.of(jvm.trim().split("\\s+"));
		return new LauncherSettings(project, home, true, ports, blankToNull(env.get("MONGODB_URI")),
				blankToNull(env.get("KAFKA_BOOTSTRAP_SERVERS")), blankToNull(env.get("REDIS_ADDRESS")), jvmOptions,
				Map.of());
	}

	/**
	 * Settings for a platform beside others (tests, benchmarks): every port free, state
	 * in {@code home}, nothing kept on disk beyond the run.
	 */
	public static LauncherSettings ephemeral(Path projectDir, Path home, Map<String, String> serviceEnvironment)
			throws java.io.IOException {
		Map<String, Integer> ports = new java.util.HashMap<>();
		for (String name : fromEnvironment(Map.of()).ports().keySet()) {
			ports.put(name, Platform.freePort());
		}
		return new LauncherSettings(projectDir, home, false, ports, null, null, null, DEFAULT_JVM_OPTIONS,
				serviceEnvironment);
	}

	/** These settings with more environment for every service. */
	public LauncherSettings withServiceEnvironment(Map<String, String> more) {
		Map<String, String> environment = new java.util.HashMap<>(this.serviceEnvironment);
		environment.putAll(more);
		return new LauncherSettings(this.projectDir, this.home, this.persistent, this.ports, this.externalMongoUri,
				this.externalKafka, this.externalRedis, this.jvmOptions, Map.copyOf(environment));
	}

	public int port(String name) {
		return this.ports.get(name);
	}

	public String gatewayUrl() {
		return "http://localhost:" + port("gateway");
	}

	private static Map.Entry<String, Integer> port(Map<String, String> env, String name, String variable,
			int fallback) {
		String value = env.get(variable);
		try {
			int port = (value == null || value.isBlank()) ? fallback : Integer.parseInt(value.trim());
			if (port < 1 || port > 65535) {
				throw new NumberFormatException();
			}
			return Map.entry(name, port);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(variable + " must be a port number (1-65535), got '" + value + "'");
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
