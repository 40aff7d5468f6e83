package io.leadwire.campaign.campaign;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.bson.Document;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import io.leadwire.common.api.JobStatus;
import io.leadwire.common.api.PageRequest;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.outbox.OutboxEvent;
import io.leadwire.common.outbox.OutboxRelay;
import tools.jackson.databind.ObjectMapper;

/**
 * The {@code campaigns} collection (and {@code campaign_launches}, the launch jobs), its
 * only user. Every read a tenant asks for is scoped by tenant and environment; a status
 * change is a {@link Campaign.Transition} written only if the campaign is still at the
 * version it was decided from and in a status it allows, so two writers never silently
 * undo each other, with its events in the same write.
 */
@Repository
class CampaignStore {

	private final MongoOperations mongo;

	private final ObjectMapper json;

	private final ObjectProvider<OutboxRelay> relay;

	CampaignStore(MongoOperations mongo, ObjectMapper json, ObjectProvider<OutboxRelay> relay) {
		this.mongo = mongo;
		this.json = json;
		this.relay = relay;
	}

	Campaign insert(Campaign campaign) {
		return this.mongo.insert(campaign);
	}

	Optional<Campaign> find(TenantScope scope, long id) {
		return Optional.ofNullable(this.mongo.findOne(Query.query(scoped(scope).and("_id").is(id)), Campaign.class));
	}

	/**
	 * A campaign by id alone, for work the platform does on its own (jobs, listeners).
	 */
	Campaign findById(long id) {
		return this.mongo.findById(id, Campaign.class);
	}

	List<Campaign> page(TenantScope scope, CampaignStatus status, PageRequest page) {
		return this.mongo.find(Query.query(filter(scope, status))
			.with(Sort.by(Sort.Direction.DESC, "_id"))
			.skip(page.offset())
			.limit(page.limit()), Campaign.class);
	}

	long count(TenantScope scope, CampaignStatus status) {
		return this.mongo.count(Query.query(filter(scope, status)), Campaign.class);
	}

	/** Up to {@code limit} scheduled campaigns whose time came. */
	List<Campaign> due(Instant now, int limit) {
		return this.mongo
			.find(Query.query(Criteria.where("status").is(CampaignStatus.SCHEDULED).and("scheduledAt").lte(now))
				.limit(limit), Campaign.class);
	}

	/** The running campaigns of a session, first launched first. */
	/** The ids of every campaign of the session, whatever its status. */
	List<Long> idsOfSession(long sessionId) {
		Query query = Query.query(Criteria.where("gatewaySessionId").is(sessionId));
		query.fields().include("_id");
		return this.mongo.find(query, org.bson.Document.class, "campaigns")
			.stream()
			.map((document) -> ((Number) document.get("_id")).longValue())
			.toList();
	}

	List<Campaign> running(long sessionId) {
		return this.mongo
			.find(Query.query(Criteria.where("gatewaySessionId").is(sessionId).and("status").is(CampaignStatus.RUNNING))
				.with(Sort.by("launchedAt", "_id")), Campaign.class);
	}

	/** The running campaigns of a tenant's session. */
	List<Campaign> running(long tenantId, long sessionId) {
		return this.mongo.find(Query.query(Criteria.where("tenantId")
			.is(tenantId)
			.and("gatewaySessionId")
			.is(sessionId)
			.and("status")
			.is(CampaignStatus.RUNNING)), Campaign.class);
	}

	/**
	 * Writes {@code transition} if {@code campaign} is still at its version and in one of
	 * the statuses the transition allows, its events (and {@code CampaignStatusChanged}
	 * when the status changes) in the campaign's outbox in the same write; the campaign
	 * as written, or null when it was not.
	 */
	Campaign apply(Campaign campaign, Campaign.Transition transition) {
		Update update = new Update().set("status", transition.to());
		transition.sets().forEach(update::set);
		transition.unsets().forEach(update::unset);
		Instant now = Instant.now();
		update.inc("version", 1).set("updatedAt", now);
		List<Campaign.Event> events = new java.util.ArrayList<>(transition.events());
		if (transition.to() != campaign.status()) {
			events.add(CampaignEvents.statusChanged(campaign, transition, now));
		}
		if (!events.isEmpty()) {
			update.push(OutboxEvent.FIELD)
				.each(events.stream()
					.map((event) -> this.mongo.getConverter()
						.convertToMongoType(OutboxEvent.of(event.topic(), event.key(), event.envelope(), this.json)))
					.toArray());
		}
		Campaign written = this.mongo
			.findAndModify(
					Query.query(scoped(campaign.scope()).and("_id")
						.is(campaign.id())
						.and("version")
						.is(campaign.version())
						.and("status")
						.in(transition.from())),
					update, FindAndModifyOptions.options().returnNew(true), Campaign.class);
		if (written != null && !events.isEmpty()) {
			this.relay.ifAvailable(OutboxRelay::nudge);
		}
		return written;
	}

	boolean delete(TenantScope scope, long id, long version, List<CampaignStatus> from) {
		return this.mongo
			.remove(Query.query(scoped(scope).and("_id").is(id).and("version").is(version).and("status").in(from)),
					Campaign.class)
			.getDeletedCount() > 0;
	}

	/** The campaign's recipients are frozen: who it reaches. */
	void frozen(long id, Campaign.Audience audience) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
				new Update().set("frozen", true)
					.set("audience", audience)
					.inc("version", 1)
					.set("updatedAt", Instant.now()),
				Campaign.class);
	}

	/** Another of the campaign's messages failed: the streak of failures in a row. */
	Integer failedAgain(long id) {
		Document campaign = this.mongo.findAndModify(Query.query(Criteria.where("_id").is(id)),
				new Update().inc("failureStreak", 1), FindAndModifyOptions.options().returnNew(true), Document.class,
				this.mongo.getCollectionName(Campaign.class));
		return (campaign != null) ? campaign.getInteger("failureStreak") : null;
	}

	/** These campaigns' messages went out: their streaks of failures are broken. */
	void streaksBroken(Collection<Long> ids) {
		if (!ids.isEmpty()) {
			this.mongo.updateMulti(Query.query(Criteria.where("_id").in(ids).and("failureStreak").gt(0)),
					new Update().set("failureStreak", 0), Campaign.class);
		}
	}

	/** Queues the freezing of a launched campaign's recipients (once). */
	void queueLaunch(long id) {
		try {
			this.mongo
				.insert(new LaunchJob(id, JobStatus.QUEUED, null, false, 0, 0, 0, 0, 0, Instant.now(), Instant.now()));
		}
		catch (DuplicateKeyException ex) {
			// Launched before: its freeze goes on.
		}
	}

	private static Criteria filter(TenantScope scope, CampaignStatus status) {
		Criteria criteria = scoped(scope);
		return (status != null) ? criteria.and("status").is(status) : criteria;
	}

	private static Criteria scoped(TenantScope scope) {
		return Criteria.where("tenantId").is(scope.tenantId()).and("environment").is(scope.environment());
	}

}
