package io.leadwire.campaign.campaign;

import java.time.Instant;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import io.leadwire.common.api.JobStatus;
import io.leadwire.common.context.TenantScope;

/**
 * The {@code session_lanes} collection (the dispatch loops' jobs), its only user beside
 * the shared job runner's leases.
 */
@Repository
class LaneStore {

	private final MongoOperations mongo;

	LaneStore(MongoOperations mongo) {
		this.mongo = mongo;
	}

	/**
	 * A campaign of the session started or resumed: its lane's generation rises, and a
	 * finished lane is queued again.
	 */
	void wake(TenantScope scope, long sessionId) {
		this.mongo.upsert(Query.query(Criteria.where("_id").is(sessionId)),
				new Update().inc("generation", 1)
					.set("updatedAt", Instant.now())
					.setOnInsert("tenantId", scope.tenantId())
					.setOnInsert("environment", scope.environment())
					.setOnInsert("status", JobStatus.QUEUED),
				Lane.class);
		this.mongo.updateFirst(
				Query
					.query(Criteria.where("_id").is(sessionId).and("status").in(JobStatus.COMPLETED, JobStatus.FAILED)),
				new Update().set("status", JobStatus.QUEUED), Lane.class);
	}

	/** The lane's status and generation, without the rest of its document. */
	Lane head(long sessionId) {
		Query query = Query.query(Criteria.where("_id").is(sessionId));
		query.fields().include("tenantId", "environment", "status", "generation");
		return this.mongo.findOne(query, Lane.class);
	}

	/** Ends the running lane if nothing woke it since it was read (then true). */
	boolean finish(Lane lane) {
		return this.mongo
			.updateFirst(Query.query(Criteria.where("_id")
				.is(lane.id())
				.and("status")
				.is(JobStatus.RUNNING)
				.and("generation")
				.is(lane.generation())), new Update().set("status", JobStatus.COMPLETED), Lane.class)
			.getModifiedCount() > 0;
	}

}
