package io.leadwire.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

import io.leadwire.common.apikey.ApiKeyFormat;
import io.leadwire.common.context.Environment;

/**
 * The local installation's secrets, made on first start and kept (owner-only) so that a
 * second start keeps the same ids, keys and signed contexts.
 */
public record LocalSecrets(String contextSecret, String idSalt, String platformAdminKey, String keycloakAdminPassword) {

	public static LocalSecrets loadOrCreate(Path home) throws IOException {
		Path file = home.resolve("secrets.properties");
		Properties properties = new Properties();
		if (Files.exists(file)) {
			try (Reader reader = Files.newBufferedReader(file)) {
				properties.load(reader);
			}
		}
		boolean changed = putIfAbsent(properties, "contextSecret", () -> random(32));
		changed |= putIfAbsent(properties, "idSalt", () -> random(16));
		changed |= putIfAbsent(properties, "platformAdminKey", () -> ApiKeyFormat.generate(Environment.LIVE));
		changed |= putIfAbsent(properties, "keycloakAdminPassword", () -> random(16));
		if (changed) {
			Files.createDirectories(home);
			try (Writer writer = Files.newBufferedWriter(file)) {
				properties.store(writer, "Leadwire local secrets: keep private");
			}
			ownerOnly(file);
		}
		return new LocalSecrets(properties.getProperty("contextSecret"), properties.getProperty("idSalt"),
				properties.getProperty("platformAdminKey"), properties.getProperty("keycloakAdminPassword"));
	}

	/** Fresh secrets that are never written anywhere (tests). */
	public static LocalSecrets ephemeral() {
		return new LocalSecrets(random(32), random(16), ApiKeyFormat.generate(Environment.LIVE), random(16));
	}

	static void ownerOnly(Path file) {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (IOException | UnsupportedOperationException ex) {
			// Not a POSIX file system: nothing more to do.
		}
	}

	private static boolean putIfAbsent(Properties properties, String name, java.util.function.Supplier<String> value) {
		if (properties.getProperty(name) == null) {
			properties.setProperty(name, value.get());
			return true;
		}
		return false;
	}

	private static String random(int bytes) {
		byte[] data = new byte[bytes];
		new SecureRandom().nextBytes(data);
		return HexFormat.of().formatHex(data);
	}

}
