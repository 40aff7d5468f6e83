package io.leadwire.campaign.delivery;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import io.leadwire.common.context.TenantScope;

/**
 * The {@code delivery_settings} collection: read by id (tenant, live/test and session),
 * written whole by {@code PUT} (an upsert that raises the version).
 */
@Repository
public class DeliverySettingsStore {

	private final MongoOperations mongo;

	DeliverySettingsStore(MongoOperations mongo) {
		this.mongo = mongo;
	}

	/**
	 * The tenant's settings ({@code sessionId} null) or a session's; null if never set.
	 */
	DeliverySettings find(TenantScope scope, Long sessionId) {
		return this.mongo.findById(DeliverySettings.idOf(scope.tenantId(), scope.environment(), sessionId),
				DeliverySettings.class);
	}

	DeliverySettings save(TenantScope scope, Long sessionId, SendingWindow window, Integer dailyCap, String zone,
			FrequencyCap frequencyCap, Boolean warmUp) {
		String id = DeliverySettings.idOf(scope.tenantId(), scope.environment(), sessionId);
		Update update = new Update().set("tenantId", scope.tenantId())
			.set("environment", scope.environment())
			.set("sessionId", sessionId)
			.set("sendingWindow", window)
			.set("dailyCap", dailyCap)
			.set("timeZone", zone)
			.set("frequencyCap", frequencyCap)
			.set("warmUp", warmUp)
			.set("updatedAt", Instant.now())
			.inc("version", 1);
		return this.mongo.findAndModify(Query.query(Criteria.where("_id").is(id)), update,
				FindAndModifyOptions.options().upsert(true).returnNew(true), DeliverySettings.class);
	}

	/** The tenant's frequency cap per recipient, or null. */
	FrequencyCap frequencyCap(TenantScope scope) {
		DeliverySettings tenant = find(scope, null);
		return (tenant != null) ? tenant.frequencyCap() : null;
	}

	/**
	 * What applies to a session's campaigns: the session's settings over the tenant's,
	 * and a campaign's own window over both.
	 */
	public Effective effective(TenantScope scope, long sessionId, SendingWindow campaignWindow) {
		DeliverySettings tenant = find(scope, null);
		DeliverySettings session = find(scope, sessionId);
		SendingWindow window = (campaignWindow != null) ? campaignWindow
				: (session != null && session.sendingWindow() != null) ? session.sendingWindow()
						: (tenant != null) ? tenant.sendingWindow() : null;
		Integer cap = (session != null && session.dailyCap() != null) ? session.dailyCap()
				: (tenant != null) ? tenant.dailyCap() : null;
		String zone = (session != null && session.timeZone() != null) ? session.timeZone()
				: (tenant != null) ? tenant.timeZone() : null;
		Boolean warmUp = (session != null && session.warmUp() != null) ? session.warmUp()
				: (tenant != null) ? tenant.warmUp() : null;
		return new Effective((window == null || window.always()) ? null : window, cap,
				(zone != null) ? ZoneId.of(zone) : ZoneOffset.UTC, (tenant != null) ? tenant.frequencyCap() : null,
				!Boolean.FALSE.equals(warmUp), null, null);
	}

}
