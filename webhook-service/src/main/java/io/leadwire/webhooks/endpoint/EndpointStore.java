package io.leadwire.webhooks.endpoint;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.leadwire.common.context.TenantScope;
import io.leadwire.common.outbox.OutboxEvent;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The {@code webhook_endpoints} collection. Every read and change made for a request is
 * scoped by tenant and environment; a change is conditioned on the version it was made
 * from.
 */
@Repository
class EndpointStore {

	private final MongoOperations mongo;

	EndpointStore(MongoOperations mongo) {
		this.mongo = mongo;
	}

	void insert(Endpoint endpoint) {
		this.mongo.insert(endpoint);
	}

	Optional<Endpoint> find(TenantScope scope, long id) {
		return Optional
			.ofNullable(this.mongo.findOne(scoped(scope).addCriteria(Criteria.where("_id").is(id)), Endpoint.class));
	}

	Optional<Endpoint> findById(long id) {
		return Optional.ofNullable(this.mongo.findById(id, Endpoint.class));
	}

	List<Endpoint> list(TenantScope scope, long offset, int limit) {
		return this.mongo.find(scoped(scope).with(Sort.by("_id")).skip(offset).limit(limit), Endpoint.class);
	}

	long count(TenantScope scope) {
		return this.mongo.count(scoped(scope), Endpoint.class);
	}

	/** The endpoints of these tenants (both environments: callers match the scope). */
	List<Endpoint> ofTenants(Collection<Long> tenantIds) {
		return this.mongo.find(Query.query(Criteria.where("tenantId").in(tenantIds)), Endpoint.class);
	}

	/**
	 * Applies {@code change} to the endpoint if it still is at {@code version}; the
	 * endpoint after it, or empty when it changed (or went) meanwhile.
	 */
	Optional<Endpoint> change(TenantScope scope, long id, long version, Update change, Instant now) {
		change.inc("version", 1).set("updatedAt", now);
		return Optional.ofNullable(this.mongo.findAndModify(
				scoped(scope).addCriteria(Criteria.where("_id").is(id).and("version").is(version)), change,
				org.springframework.data.mongodb.core.FindAndModifyOptions.options().returnNew(true), Endpoint.class));
	}

	boolean delete(TenantScope scope, long id) {
		return this.mongo.remove(scoped(scope).addCriteria(Criteria.where("_id").is(id)), Endpoint.class)
			.getDeletedCount() > 0;
	}

	/** Disables an enabled endpoint, with its event in the same write. */
	boolean disable(long id, String reason, Instant now, OutboxEvent event) {
		return this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("enabled").is(true)),
				new Update().set("enabled", false)
					.set("disabledReason", reason)
					.set("disabledAt", now)
					.set("updatedAt", now)
					.inc("version", 1)
					.push(OutboxEvent.FIELD, event),
				Endpoint.class)
			.getModifiedCount() > 0;
	}

	/** Notes the first failure since the last success. */
	void failing(long id, Instant now) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("failingSince").is(null)),
				new Update().set("failingSince", now), Endpoint.class);
	}

	/** A delivery succeeded: the endpoint is not failing. */
	void healthy(long id) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("failingSince").ne(null)),
				new Update().unset("failingSince"), Endpoint.class);
	}

	private static Query scoped(TenantScope scope) {
		return Query.query(Criteria.where("tenantId").is(scope.tenantId()).and("environment").is(scope.environment()));
	}

}
