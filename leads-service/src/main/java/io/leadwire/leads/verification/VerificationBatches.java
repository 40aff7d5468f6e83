package io.leadwire.leads.verification;

import io.leadwire.common.api.JobStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import io.leadwire.common.context.TenantScope;

/**
 * Verification batches in MongoDB; reads for callers start with the tenant and
 * environment.
 */
@Repository
class VerificationBatches {

	private final MongoOperations mongo;

	VerificationBatches(MongoOperations mongo) {
		this.mongo = mongo;
	}

	VerificationBatch insert(VerificationBatch batch) {
		return this.mongo.insert(batch);
	}

	Optional<VerificationBatch> find(TenantScope scope, long id) {
		return Optional.ofNullable(this.mongo.findOne(Query.query(Criteria.where("tenantId")
			.is(scope.tenantId())
			.and("environment")
			.is(scope.environment())
			.and("_id")
			.is(id)), VerificationBatch.class));
	}

	Optional<VerificationBatch> find(long id) {
		return Optional.ofNullable(this.mongo.findById(id, VerificationBatch.class));
	}

	/** Batches not finished: resumed on start-up. */
	List<VerificationBatch> unfinished() {
		return this.mongo.find(Query.query(Criteria.where("status").in(JobStatus.QUEUED, JobStatus.RUNNING)),
				VerificationBatch.class);
	}

	void started(long id) {
		Instant now = Instant.now();
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
				new Update().set("status", JobStatus.RUNNING).set("startedAt", now).set("updatedAt", now),
				VerificationBatch.class);
	}

	/** Adds a chunk's results and moves the checkpoint past it. */
	void progressed(long id, Counts chunk, long lastLeadId) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
				new Update().inc("processed", chunk.total())
					.inc("working", chunk.working())
					.inc("notWorking", chunk.notWorking())
					.inc("noWebsite", chunk.noWebsite())
					.set("lastLeadId", lastLeadId)
					.set("updatedAt", Instant.now()),
				VerificationBatch.class);
	}

	/**
	 * Marks the batch done. {@code total} was counted at the start; leads created or
	 * deleted since make the count checked differ, and a completed batch shows the
	 * latter.
	 */
	void finished(long id, JobStatus status) {
		Instant now = Instant.now();
		Update update = new Update().set("status", status).set("finishedAt", now).set("updatedAt", now);
		if (status == JobStatus.COMPLETED) {
			find(id).ifPresent((batch) -> update.set("total", batch.processed()));
		}
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), update, VerificationBatch.class);
	}

	/** Results of one chunk. */
	record Counts(long working, long notWorking, long noWebsite) {

		long total() {
			return this.working + this.notWorking + this.noWebsite;
		}

	}

}
