package io.leadwire.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Lua scripts read once, at class load. ({@code RedisScript.of(Resource)} re-reads its
 * file on every call — a blocking read on the event loop, found by BlockHound.)
 */
public final class RedisScripts {

	private RedisScripts() {
	}

	public static <T> RedisScript<T> load(String path, Class<T> resultType) {
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			return RedisScript.of(new String(in.readAllBytes(), StandardCharsets.UTF_8), resultType);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
