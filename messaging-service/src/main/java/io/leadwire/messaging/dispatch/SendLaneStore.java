package io.leadwire.messaging.dispatch;

import java.time.Instant;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import io.leadwire.common.api.JobStatus;
import io.leadwire.common.job.JobLeases;

/**
 * The {@code send_lanes} collection (one lane per session, a job on the shared runner),
 * its only user beside the runner's leases.
 */
@Repository
class SendLaneStore {

	private final MongoOperations mongo;

	SendLaneStore(MongoOperations mongo) {
		this.mongo = mongo;
	}

	/**
	 * Messages were filed for the session: its lane's generation rises, and a finished
	 * lane is queued again.
	 */
	void wake(long sessionId) {
		this.mongo.upsert(Query.query(Criteria.where("_id").is(sessionId)),
				new Update().inc("generation", 1)
					.setOnInsert("status", JobStatus.QUEUED)
					.setOnInsert("createdAt", Instant.now()),
				SendLane.class);
		this.mongo.updateFirst(
				Query
					.query(Criteria.where("_id").is(sessionId).and("status").in(JobStatus.COMPLETED, JobStatus.FAILED)),
				new Update().set("status", JobStatus.QUEUED), SendLane.class);
	}

	/** The lane's generation, or null when it has no document. */
	Long generation(long sessionId) {
		Query read = Query.query(Criteria.where("_id").is(sessionId));
		read.fields().include("generation");
		SendLane lane = this.mongo.findOne(read, SendLane.class);
		return (lane != null) ? lane.generation() : null;
	}

	/**
	 * Completes the lane {@code owner} runs (at {@code generation}, when given), keeping
	 * its reserved slots until {@code slotsUntil}; whether it did.
	 */
	boolean finish(long sessionId, String owner, Long generation, Instant slotsUntil) {
		Criteria owned = Criteria.where("_id")
			.is(sessionId)
			.and("status")
			.is(JobStatus.RUNNING)
			.and(JobLeases.OWNER)
			.is(owner);
		if (generation != null) {
			owned.and("generation").is(generation);
		}
		return this.mongo
			.updateFirst(Query.query(owned),
					new Update().set("status", JobStatus.COMPLETED).set("slotsUntil", slotsUntil), SendLane.class)
			.getModifiedCount() > 0;
	}

}
