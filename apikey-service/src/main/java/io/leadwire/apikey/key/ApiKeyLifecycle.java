package io.leadwire.apikey.key;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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

	/**
	 * A new secret for the key. With a {@code grace} period the replaced secret keeps
	 * working until it ends (at most {@link ApiKey#MAX_GRACE}; older replaced secrets
	 * still in theirs are kept, up to {@link ApiKey#MAX_PREVIOUS_SECRETS}); without one
	 * it is refused at once.
	 */
	Regenerated regenerate(TenantScope scope, long id, Duration grace) {
		ApiKey key = find(scope, id);
		if (key.revokedAt() != null) {
			throw ApiException.conflict(ErrorCodes.INVALID_STATE, "A revoked key cannot be regenerated");
		}
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		List<ApiKey.PreviousSecret> kept = new ArrayList<>(key.previousSecretsAt(now));
		List<String> ended = new ArrayList<>(List.of(key.hash()));
		if (!grace.isZero()) {
			kept.add(new ApiKey.PreviousSecret(key.hash(), key.keyPrefix(), now.plus(grace)));
		}
		while (kept.size() > ApiKey.MAX_PREVIOUS_SECRETS) {
			ended.add(kept.remove(0).hash());
		}
		String secret = ApiKeyFormat.generate(key.environment());
		OutboxEvent event = ApiKeyEvents.regenerated(key, ended, RequestIds.current(), this.json);
		ApiKey updated = this.mongo.findAndModify(
				Query.query(Criteria.where("_id").is(id).and("hash").is(key.hash()).and("revokedAt").is(null)),
				new Update().set("hash", ApiKeyFormat.sha256Hex(secret))
					.set("keyPrefix", ApiKeyFormat.displayPrefix(secret))
					.push("retiredHashes", key.hash())
					.set("previousSecrets", kept)
					.push(OutboxEvent.FIELD, event),
				FindAndModifyOptions.options().returnNew(true), ApiKey.class);
		if (updated == null) {
			throw ApiException.conflict(ErrorCodes.INVALID_STATE, "The key changed meanwhile; try again");
		}
		// Gateways must refuse the old secret within a second (or, with a grace period,
		// learn when it ends): relay now, not at the next idle poll.
		this.relay.ifAvailable(OutboxRelay::nudge);
		return new Regenerated(updated, secret);
	}

	/**
	 * Ends the grace period of every replaced secret of the key now: once a rotation is
	 * done, the old secret need not wait for its end.
	 */
	ApiKey endGrace(TenantScope scope, long id) {
		ApiKey key = find(scope, id);
		List<ApiKey.PreviousSecret> previous = (key.previousSecrets() != null) ? key.previousSecrets() : List.of();
		if (previous.isEmpty()) {
			return key;
		}
		OutboxEvent event = ApiKeyEvents.graceEnded(key, previous.stream().map(ApiKey.PreviousSecret::hash).toList(),
				RequestIds.current(), this.json);
		ApiKey updated = this.mongo.findAndModify(Query.query(Criteria.where("_id").is(id).and("hash").is(key.hash())),
				new Update().set("previousSecrets", List.of()).push(OutboxEvent.FIELD, event),
				FindAndModifyOptions.options().returnNew(true), ApiKey.class);
		if (updated == null) {
			throw ApiException.conflict(ErrorCodes.INVALID_STATE, "The key changed meanwhile; try again");
		}
		this.relay.ifAvailable(OutboxRelay::nudge);
		return updated;
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
