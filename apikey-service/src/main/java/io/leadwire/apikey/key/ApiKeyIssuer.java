package io.leadwire.apikey.key;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.stereotype.Component;

import io.leadwire.common.api.RequestIds;
import io.leadwire.common.apikey.ApiKeyFormat;
import io.leadwire.common.apikey.ApiKeyScopes;
import io.leadwire.common.context.Environment;
import io.leadwire.common.id.IdAllocator;
import tools.jackson.databind.ObjectMapper;

/**
 * Makes new keys: the secret goes back to the caller once, only its hash is saved, and an
 * {@code ApiKeyCreated} event leaves through the key's outbox.
 */
@Component
public class ApiKeyIssuer {

	private final ApiKeyRepository keys;

	private final IdAllocator ids;

	private final ObjectMapper json;

	ApiKeyIssuer(ApiKeyRepository keys, IdAllocator ids, ObjectMapper json) {
		this.keys = keys;
		this.ids = ids;
		this.json = json;
	}

	public Issued issue(long tenantId, long ownerUserId, String name, Environment environment) {
		return issue(new NewKey(tenantId, ownerUserId, name, environment, null, null, null, null));
	}

	public Issued issue(NewKey request) {
		String secret = ApiKeyFormat.generate(request.environment());
		ApiKey draft = new ApiKey(this.ids.next(), request.tenantId(), request.ownerUserId(), request.name(),
				request.environment(), ApiKeyFormat.sha256Hex(secret), ApiKeyFormat.displayPrefix(secret),
				request.rateLimitPerMinute(), request.rateLimitPerDay(), request.expiresAt(), null, false,
				Instant.now().truncatedTo(ChronoUnit.MILLIS), null, List.of(), ApiKeyScopes.normalize(request.scopes()),
				List.of(), List.of());
		ApiKey key = withOutbox(draft, ApiKeyEvents.created(draft, RequestIds.current(), this.json));
		return new Issued(this.keys.insert(key), secret);
	}

	private static ApiKey withOutbox(ApiKey key, io.leadwire.common.outbox.OutboxEvent event) {
		return new ApiKey(key.id(), key.tenantId(), key.ownerUserId(), key.name(), key.environment(), key.hash(),
				key.keyPrefix(), key.rateLimitPerMinute(), key.rateLimitPerDay(), key.expiresAt(), key.revokedAt(),
				key.platformAdmin(), key.createdAt(), key.lastUsedAt(), key.retiredHashes(), key.scopes(),
				key.previousSecrets(), List.of(event));
	}

	public record NewKey(long tenantId, long ownerUserId, String name, Environment environment, Instant expiresAt,
			Integer rateLimitPerMinute, Integer rateLimitPerDay, List<String> scopes) {
	}

	public record Issued(ApiKey key, String secret) {
	}

}
