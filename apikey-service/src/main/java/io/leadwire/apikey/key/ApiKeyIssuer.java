package io.leadwire.apikey.key;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.stereotype.Component;

import io.leadwire.common.apikey.ApiKeyFormat;
import io.leadwire.common.context.Environment;
import io.leadwire.common.id.IdAllocator;

/**
 * Makes new keys: the secret goes back to the caller once, only its hash is saved.
 */
@Component
public class ApiKeyIssuer {

	private final ApiKeyRepository keys;

	private final IdAllocator ids;

	ApiKeyIssuer(ApiKeyRepository keys, IdAllocator ids) {
		this.keys = keys;
		this.ids = ids;
	}

	public Issued issue(long tenantId, long ownerUserId, String name, Environment environment) {
		String secret = ApiKeyFormat.generate(environment);
		ApiKey key = new ApiKey(this.ids.next(), tenantId, ownerUserId, name, environment,
				ApiKeyFormat.sha256Hex(secret), ApiKeyFormat.displayPrefix(secret), null, null, null, null, false,
				Instant.now().truncatedTo(ChronoUnit.MILLIS), null);
		return new Issued(this.keys.insert(key), secret);
	}

	public record Issued(ApiKey key, String secret) {
	}

}
