package io.leadwire.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service really reads, taken from its own sources, not from a list kept by hand:
 * the environment variables named in its {@code application.yml}, its Java sources and
 * the defaults every service shares ({@code ServiceDefaults} in common), each with its
 * default; its HTTP port and, for the gateway, its management port.
 */
record ServiceConfiguration(String name, Map<String, String> variables, int port, int managementPort) {

	static final List<String> SERVICES = List.of("apikey-service", "leads-service", "contacts-service",
			"campaign-service", "messaging-service", "webhook-service", "gateway", "console");

	static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

	/** {@code ${NAME}} or {@code ${NAME:default}}; the default may nest another. */
	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}?");

	/** A variable that must be set where the platform is deployed. */
	boolean mustBeSupplied(String variable) {
		String fallback = this.variables.get(variable);
		return fallback == null || fallback.contains("localhost") || fallback.contains("127.0.0.1")
				|| (fallback.isEmpty() && (variable.endsWith("_SECRET") || variable.endsWith("_SALT")));
	}

	Set<String> required() {
		Set<String> required = new TreeSet<>();
		this.variables.keySet().stream().filter(this::mustBeSupplied).forEach(required::add);
		return required;
	}

	/** The port probes and Prometheus use: management's own, or the service's. */
	int probePort() {
		return (this.managementPort > 0) ? this.managementPort : this.port;
	}

	static ServiceConfiguration of(String service) {
		Path module = PROJECT.resolve(service);
		String yaml = read(module.resolve("src/main/resources/application.yml"));
		Map<String, String> variables = new LinkedHashMap<>();
		collect(yaml, variables);
		try (Stream<Path> sources = Files.walk(module.resolve("src/main/java"))) {
			sources.filter((file) -> file.toString().endsWith(".java"))
				.forEach((file) -> collect(read(file), variables));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String defaults = read(
				PROJECT.resolve("common/src/main/java/io/leadwire/common/autoconfigure/ServiceDefaults.java"));
		String pom = read(module.resolve("pom.xml"));
		boolean mongo = pom.contains("spring-boot-starter-data-mongodb");
		// The shared defaults apply where common is on the classpath (not the console).
		boolean common = pom.contains("<artifactId>common</artifactId>");
		for (String line : defaults.split("\n")) {
			if (common && (!line.contains("MONGODB_") || mongo)) {
				collect(line, variables);
			}
		}
		return new ServiceConfiguration(service, variables, Integer.parseInt(variables.get("PORT")),
				variables.containsKey("MANAGEMENT_PORT") ? Integer.parseInt(variables.get("MANAGEMENT_PORT")) : 0);
	}

	/** Probes are on: every service answers /actuator/health/liveness and /readiness. */
	static boolean probesEnabled() {
		return read(PROJECT.resolve("common/src/main/java/io/leadwire/common/autoconfigure/ServiceDefaults.java"))
			.contains("defaults.put(\"management.endpoint.health.probes.enabled\", \"true\")");
	}

	private static void collect(String text, Map<String, String> variables) {
		Matcher matcher = PLACEHOLDER.matcher(text);
		int from = 0;
		while (matcher.find(from)) {
			// null: no default at all. Searching again from inside the match finds a
			// nested ${INNER:…} in the default too.
			variables.putIfAbsent(matcher.group(1), matcher.group(2));
			from = matcher.start() + 2;
		}
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
