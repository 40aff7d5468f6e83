package io.leadwire.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The real Keycloak server (keycloak-quarkus-dist from Maven Central, unpacked by the
 * launcher's build under {@code ~/.cache/leadwire/}) in {@code start-dev} mode with the
 * project's realm imported, on loopback. Its database is in memory, or in an H2 file
 * under {@code dataDirectory} so that users survive a restart (the local platform).
 */
public final class KeycloakServer implements AutoCloseable {

	public static final String ADMIN = "admin";

	private final Process process;

	private final int port;

	private final Path log;

	private KeycloakServer(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts Keycloak from {@code distribution} with {@code realm} imported (once: an
	 * existing realm is left alone); {@code dataDirectory} null keeps everything in
	 * memory.
	 */
	public static KeycloakServer start(Path distribution, Path realm, Path dataDirectory, int port,
			String adminPassword, Path logDirectory) throws IOException {
		if (!Files.isExecutable(distribution.resolve("bin/kc.sh"))) {
			throw new IllegalStateException(
					"Keycloak is not unpacked at " + distribution + " (the launcher's build unpacks it)");
		}
		Path imports = Files.createDirectories(distribution.resolve("data/import"));
		Files.copy(realm, imports.resolve("leadwire-realm.json"), StandardCopyOption.REPLACE_EXISTING);
		Files.createDirectories(logDirectory);
		Path log = logDirectory.resolve("keycloak.log");
		List<String> command = new ArrayList<>(List.of(distribution.resolve("bin/kc.sh").toString(), "start-dev"));
		if (dataDirectory == null) {
			command.addAll(List.of("--db", "dev-mem"));
		}
		else {
			Files.createDirectories(dataDirectory);
			command.addAll(List.of("--db", "dev-file", "--db-url",
					"jdbc:h2:file:" + dataDirectory.toAbsolutePath().resolve("keycloakdb") + ";NON_KEYWORDS=VALUE"));
		}
		command.addAll(List.of("--import-realm", "--http-port", Integer.toString(port), "--http-host", "127.0.0.1"));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
		builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
		builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
		return new KeycloakServer(builder.start(), port, log);
	}

	public String url() {
		return "http://127.0.0.1:" + this.port;
	}

	/** The realm's issuer as browsers and services on this machine reach it. */
	public String issuer() {
		return url() + "/realms/leadwire";
	}

	public void awaitReady(Duration timeout) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("Keycloak exited; see " + this.log);
			}
			try {
				HttpResponse<Void> response = http.send(
						HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration")).build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			this.process.waitFor(500, java.util.concurrent.TimeUnit.MILLISECONDS);
		}
		throw new IllegalStateException("Keycloak not ready within " + timeout + "; see " + this.log);
	}

	@Override
	public void close() {
		this.process.descendants().forEach(ProcessHandle::destroy);
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
				this.process.descendants().forEach(ProcessHandle::destroyForcibly);
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
