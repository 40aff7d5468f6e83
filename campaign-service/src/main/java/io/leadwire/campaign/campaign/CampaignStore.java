package io.leadwire.campaign.campaign;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import io.leadwire.common.api.PageRequest;
import io.leadwire.common.context.TenantScope;

/**
 * Campaigns in MongoDB, every read and write scoped by tenant and environment; writes are
 * conditioned on the version read (and the statuses a change is allowed from), so two
 * writers never silently undo each other.
 */
@Repository
class CampaignStore {

	private final MongoOperations mongo;

	CampaignStore(MongoOperations mongo) {
		this.mongo = mongo;
	}

	Campaign insert(Campaign campaign) {
		return this.mongo.insert(campaign);
	}

	Optional<Campaign> find(TenantScope scope, long id) {
		return Optional.ofNullable(this.mongo.findOne(Query.query(scoped(scope).and("_id").is(id)), Campaign.class));
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

	/**
	 * Applies {@code update} if the campaign is still at {@code version} and in one of
	 * {@code from}; the campaign as written, or null when it was not.
	 */
	Campaign change(TenantScope scope, long id, long version, List<CampaignStatus> from, Update update) {
		update.inc("version", 1).set("updatedAt", java.time.Instant.now());
		return this.mongo.findAndModify(
				Query.query(scoped(scope).and("_id").is(id).and("version").is(version).and("status").in(from)), update,
				FindAndModifyOptions.options().returnNew(true), Campaign.class);
	}

	boolean delete(TenantScope scope, long id, long version, List<CampaignStatus> from) {
		return this.mongo
			.remove(Query.query(scoped(scope).and("_id").is(id).and("version").is(version).and("status").in(from)),
					Campaign.class)
			.getDeletedCount() > 0;
	}

	private static Criteria filter(TenantScope scope, CampaignStatus status) {
		Criteria criteria = scoped(scope);
		return (status != null) ? criteria.and("status").is(status) : criteria;
	}

	private static Criteria scoped(TenantScope scope) {
		return Criteria.where("tenantId").is(scope.tenantId()).and("environment").is(scope.environment());
	}

}
