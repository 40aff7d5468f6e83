package io.leadwire.leads.verification;

import java.util.Optional;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
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

	/** Results of one chunk. */
	record Counts(long working, long notWorking, long noWebsite) {

		long total() {
			return this.working + this.notWorking + this.noWebsite;
		}

	}

}
