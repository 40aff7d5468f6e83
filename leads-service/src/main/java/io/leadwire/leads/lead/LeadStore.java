package io.leadwire.leads.lead;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

import io.leadwire.common.api.PageRequest;
import io.leadwire.common.context.TenantScope;

/**
 * Leads in MongoDB; every query starts with the tenant and environment.
 */
@Repository
class LeadStore {

	private final MongoOperations mongo;

	LeadStore(MongoOperations mongo) {
		this.mongo = mongo;
	}

	Lead insert(Lead lead) {
		return this.mongo.insert(lead);
	}

	Lead replace(Lead lead) {
		return this.mongo.save(lead);
	}

	Optional<Lead> find(TenantScope scope, long id) {
		return Optional.ofNullable(this.mongo.findOne(Query.query(scoped(scope).and("_id").is(id)), Lead.class));
	}

	boolean delete(TenantScope scope, long id) {
		return this.mongo.remove(Query.query(scoped(scope).and("_id").is(id)), Lead.class).getDeletedCount() > 0;
	}

	Page list(TenantScope scope, LeadFilter filter, Sort sort, PageRequest page) {
		Criteria criteria = scoped(scope);
		filter.applyTo(criteria);
		Query query = Query.query(criteria);
		long total = this.mongo.count(query, Lead.class);
		query.with(sort).skip(page.offset()).limit(page.limit());
		return new Page(this.mongo.find(query, Lead.class), total);
	}

	static Criteria scoped(TenantScope scope) {
		return Criteria.where("tenantId").is(scope.tenantId()).and("environment").is(scope.environment());
	}

	record Page(List<Lead> items, long total) {
	}

	record LeadFilter(LeadEnums.Status status, LeadEnums.WebsiteStatus websiteStatus, LeadEnums.Qualifier qualifier,
			LeadEnums.Source source, Long assignedTo, String q) {

		void applyTo(Criteria criteria) {
			if (this.status != null) {
				criteria.and("status").is(this.status);
			}
			if (this.websiteStatus != null) {
				criteria.and("websiteStatus").is(this.websiteStatus);
			}
			if (this.qualifier != null) {
				criteria.and("qualifier").is(this.qualifier);
			}
			if (this.source != null) {
				criteria.and("source").is(this.source);
			}
			if (this.assignedTo != null) {
				criteria.and("assignedTo").is(this.assignedTo);
			}
			if (this.q != null && !this.q.isBlank()) {
				String literal = Pattern.quote(this.q.trim());
				criteria.orOperator(Criteria.where("name").regex(literal, "i"),
						Criteria.where("email").regex(literal, "i"), Criteria.where("phone").regex(literal));
			}
		}

	}

}
