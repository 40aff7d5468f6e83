package io.leadwire.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import io.leadwire.launcher.Platform;

/**
 * The real Keycloak server (keycloak-quarkus-dist from Maven Central, unpacked by the
 * build) in {@code start-dev} mode with an in-memory database and the project's realm
 * imported, on loopback.
 */
final class KeycloakServer implements AutoCloseable {

	static final String ADMIN = "admin";

	static final String ADMIN_PASSWORD = "admin-e2e-password";

	private final Process process;

	private final int port;

	private final Path log;

	private KeycloakServer(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	static KeycloakServer start(Path logDirectory) throws IOException {
		Path home = Path.of(System.getProperty("leadwire.keycloak.home", "missing"));
		if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
			throw new IllegalStateException("Keycloak is not unpacked at " + home + " (the e2e build unpacks it)");
		}
		Path imports = Files.createDirectories(home.resolve("data/import"));
		Files.copy(Path.of("..", "keycloak", "leadwire-realm.json"), imports.resolve("leadwire-realm.json"),
				StandardCopyOption.REPLACE_EXISTING);
		int port = Platform.freePortForSlowServer();
		Files.createDirectories(logDirectory);
		Path log = logDirectory.resolve("keycloak.log");
		ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev", "--db",
				"dev-mem", "--import-realm", "--http-port", Integer.toString(port), "--http-host", "127.0.0.1")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
		builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
		builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
		return new KeycloakServer(builder.start(), port, log);
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	String issuer() {
		return url() + "/realms/leadwire";
	}

	void awaitReady(Duration timeout) throws Exception {
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
