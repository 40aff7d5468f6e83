package io.leadwire.leads.importing;

import io.leadwire.common.api.JobStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import io.leadwire.common.api.PageRequest;
import io.leadwire.common.context.TenantScope;

/**
 * Import jobs in MongoDB; reads for callers start with the tenant and environment.
 */
@Repository
class ImportJobs {

	/** Row errors kept on a job; {@code failed} still counts every one. */
	static final int MAX_STORED_ERRORS = 1000;

	private final MongoOperations mongo;

	ImportJobs(MongoOperations mongo) {
		this.mongo = mongo;
	}

	ImportJob insert(ImportJob job) {
		return this.mongo.insert(job);
	}

	Optional<ImportJob> find(TenantScope scope, long id) {
		return Optional.ofNullable(this.mongo.findOne(Query.query(scoped(scope).and("_id").is(id)), ImportJob.class));
	}

	Optional<ImportJob> find(long id) {
		return Optional.ofNullable(this.mongo.findById(id, ImportJob.class));
	}

	List<ImportJob> list(TenantScope scope, PageRequest page) {
		return this.mongo.find(Query.query(scoped(scope))
			.with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id")))
			.skip(page.offset())
			.limit(page.limit()), ImportJob.class);
	}

	long count(TenantScope scope) {
		return this.mongo.count(Query.query(scoped(scope)), ImportJob.class);
	}

	/**
	 * A checkpoint: the counts as absolute values, and the batch's row errors appended.
	 */
	static Update counts(LeadImportPipeline.Totals totals, List<RowError> newErrors) {
		Update update = new Update().set("processed", totals.processed())
			.set("created", totals.created())
			.set("updated", totals.updated())
			.set("skipped", totals.skipped())
			.set("failed", totals.failed())
			.set("updatedAt", Instant.now());
		if (!newErrors.isEmpty()) {
			update.push("errors").each(newErrors.toArray());
		}
		return update;
	}

	private static Criteria scoped(TenantScope scope) {
		return Criteria.where("tenantId").is(scope.tenantId()).and("environment").is(scope.environment());
	}

}
