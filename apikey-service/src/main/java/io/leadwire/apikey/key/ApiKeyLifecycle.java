package io.leadwire.apikey.key;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.api.RequestIds;
import io.leadwire.common.apikey.ApiKeyFormat;
import io.leadwire.common.context.Environment;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.outbox.OutboxEvent;
import io.leadwire.common.outbox.OutboxRelay;
import tools.jackson.databind.ObjectMapper;

/**
 * Regeneration and revocation: each one atomic update of the key document that also
 * queues the event gateways act on, so the change and its announcement cannot part.
 */
@Service
class ApiKeyLifecycle {

	private final MongoOperations mongo;

	private final ObjectMapper json;

	private final ObjectProvider<OutboxRelay> relay;

	ApiKeyLifecycle(MongoOperations mongo, ObjectMapper json, ObjectProvider<OutboxRelay> relay) {
		this.mongo = mongo;
		this.json = json;
		this.relay = relay;
	}

	List<ApiKey> list(TenantScope scope) {
		Query query = Query.query(Criteria.where("tenantId").is(scope.tenantId()).and("platformAdmin").is(false))
			.with(Sort.by(Sort.Direction.DESC, "createdAt", "_id"))
			.limit(1000);
		return this.mongo.find(query, ApiKey.class);
	}

	/**
	 * A key of the tenant that the caller's environment may manage (sandbox credentials:
	 * test keys only).
	 */
	ApiKey find(TenantScope scope, long id) {
		ApiKey key = this.mongo.findOne(Query.query(Criteria.where("_id").is(id).and("tenantId").is(scope.tenantId())),
				ApiKey.class);
		if (key == null || key.platformAdmin()) {
			throw ApiException.notFound();
		}
		requireManageable(scope, key.environment());
		return key;
	}

	static void requireManageable(TenantScope scope, Environment keyEnvironment) {
		if (scope.environment() == Environment.TEST && keyEnvironment == Environment.LIVE) {
			throw ApiException.forbidden(ErrorCodes.FORBIDDEN, "Test credentials cannot manage live keys");
		}
	}

	Regenerated regenerate(TenantScope scope, long id) {
		ApiKey key = find(scope, id);
		if (key.revokedAt() != null) {
			throw ApiException.conflict(ErrorCodes.INVALID_STATE, "A revoked key cannot be regenerated");
		}
		String secret = ApiKeyFormat.generate(key.environment());
		OutboxEvent event = ApiKeyEvents.regenerated(key, key.hash(), RequestIds.current(), this.json);
		ApiKey updated = this.mongo.findAndModify(
				Query.query(Criteria.where("_id").is(id).and("hash").is(key.hash()).and("revokedAt").is(null)),
				new Update().set("hash", ApiKeyFormat.sha256Hex(secret))
					.set("keyPrefix", ApiKeyFormat.displayPrefix(secret))
					.push("retiredHashes", key.hash())
					.push(OutboxEvent.FIELD, event),
				FindAndModifyOptions.options().returnNew(true), ApiKey.class);
		if (updated == null) {
			throw ApiException.conflict(ErrorCodes.INVALID_STATE, "The key changed meanwhile; try again");
		}
		// Gateways must refuse the old secret within a second: relay now, not at the next
		// idle poll.
		this.relay.ifAvailable(OutboxRelay::nudge);
		return new Regenerated(updated, secret);
	}

	ApiKey revoke(TenantScope scope, long id) {
		ApiKey key = find(scope, id);
		if (key.revokedAt() != null) {
			return key;
		}
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		ApiKey revoked = this.mongo.findAndModify(Query.query(Criteria.where("_id").is(id).and("revokedAt").is(null)),
				new Update().set("revokedAt", now)
					.push(OutboxEvent.FIELD, ApiKeyEvents.revoked(key, RequestIds.current(), this.json)),
				FindAndModifyOptions.options().returnNew(true), ApiKey.class);
		if (revoked == null) {
			return find(scope, id);
		}
		this.relay.ifAvailable(OutboxRelay::nudge);
		return revoked;
	}

	record Regenerated(ApiKey key, String secret) {
	}

}
