package io.leadwire.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The Keycloak {@code ./leadwire} starts for the console's sign-in: the distribution the
 * build unpacked ({@code KEYCLOAK_HOME} to use another), the project's realm, its users
 * kept in an H2 file under the local state ({@code .leadwire/keycloak}) so a restart
 * keeps the demo sign-ins, on {@code KEYCLOAK_PORT} (8180). Not started when
 * {@code LEADWIRE_KEYCLOAK=off} or when {@code LEADWIRE_JWT_ISSUER} names another
 * Keycloak: the services then use that one, as configured.
 */
public final class LocalKeycloak {

	/**
	 * The Keycloak realm client the services use to manage users (the realm's local
	 * secret).
	 */
	static final String BACKEND_SECRET = "leadwire-backend-local-secret";

	private LocalKeycloak() {
	}

	/** Whether this run starts its own Keycloak. */
	static boolean wanted(Map<String, String> env) {
		return !"off".equalsIgnoreCase(env.getOrDefault("LEADWIRE_KEYCLOAK", ""))
				&& (env.get("LEADWIRE_JWT_ISSUER") == null || env.get("LEADWIRE_JWT_ISSUER").isBlank());
	}

	static KeycloakServer start(LauncherSettings settings, LocalSecrets secrets, Map<String, String> env)
			throws IOException {
		Path distribution = (env.get("KEYCLOAK_HOME") != null && !env.get("KEYCLOAK_HOME").isBlank())
				? Path.of(env.get("KEYCLOAK_HOME"))
				: Path.of(System.getProperty("user.home"), ".cache", "leadwire", "keycloak-" + version());
		return KeycloakServer.start(distribution, settings.projectDir().resolve("keycloak/leadwire-realm.json"),
				settings.persistent() ? settings.home().resolve("keycloak") : null, settings.port("keycloak"),
				secrets.keycloakAdminPassword(), settings.home().resolve("logs"));
	}

	/**
	 * What the services need to know of it: the issuer of tokens, and the admin client.
	 */
	static Map<String, String> serviceEnvironment(KeycloakServer keycloak) {
		return Map.of("LEADWIRE_JWT_ISSUER", keycloak.issuer(), "KEYCLOAK_URL", keycloak.url(),
				"KEYCLOAK_CLIENT_SECRET", BACKEND_SECRET);
	}

	static String version() throws IOException {
		try (InputStream in = LocalKeycloak.class.getResourceAsStream("/leadwire-launcher.properties")) {
			Properties properties = new Properties();
			if (in != null) {
				properties.load(in);
			}
			String version = properties.getProperty("keycloak.version");
			if (version == null || version.startsWith("$")) {
				throw new IllegalStateException("The launcher was built without its Keycloak version: rebuild it");
			}
			return version;
		}
	}

}
