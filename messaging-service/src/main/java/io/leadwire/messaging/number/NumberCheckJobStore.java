package io.leadwire.messaging.number;

import java.util.List;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import io.leadwire.common.api.JobStatus;
import io.leadwire.common.context.TenantScope;

/**
 * The bulk number-check jobs' collection, its only user beside the shared job runner's
 * leases.
 */
@Repository
class NumberCheckJobStore {

	private final MongoOperations mongo;

	NumberCheckJobStore(MongoOperations mongo) {
		this.mongo = mongo;
	}

	NumberCheckJob insert(NumberCheckJob job) {
		return this.mongo.insert(job);
	}

	/** The scope's job without its numbers, or null (another scope's too). */
	NumberCheckJob find(TenantScope scope, long id) {
		Query query = Query.query(Criteria.where("_id")
			.is(id)
			.and("tenantId")
			.is(scope.tenantId())
			.and("environment")
			.is(scope.environment()));
		// The page is cut by the caller, not by a $slice projection: the wire server
		// refuses one beside an exclusion (real MongoDB takes both); a job holds at most
		// 10,000 answers.
		query.fields().exclude("phones");
		return this.mongo.findOne(query, NumberCheckJob.class);
	}

	/** How many of the scope's jobs are queued or running. */
	long open(TenantScope scope) {
		return this.mongo.count(Query.query(Criteria.where("tenantId")
			.is(scope.tenantId())
			.and("environment")
			.is(scope.environment())
			.and("status")
			.in(JobStatus.QUEUED, JobStatus.RUNNING)), NumberCheckJob.class);
	}

	/** A job by id alone, for its worker. */
	NumberCheckJob find(long id) {
		return this.mongo.findById(id, NumberCheckJob.class);
	}

	/** The counts so far and the answers not yet written, as a checkpoint's update. */
	Update progress(int processed, int valid, int invalid, int failed, List<NumberCheckJob.Result> pending) {
		Update progress = new Update().set("processed", processed)
			.set("valid", valid)
			.set("invalid", invalid)
			.set("failed", failed);
		if (!pending.isEmpty()) {
			progress.push("results")
				.each(pending.stream().map(this.mongo.getConverter()::convertToMongoType).toArray());
		}
		return progress;
	}

}
