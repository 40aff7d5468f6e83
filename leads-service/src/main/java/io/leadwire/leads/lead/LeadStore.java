package io.leadwire.leads.lead;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.bson.Document;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import io.leadwire.common.api.PageRequest;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.outbox.OutboxEvent;

/**
 * Leads in MongoDB; every query starts with the tenant and environment.
 */
@Repository
class LeadStore {

	/**
	 * The fields a change rewrites: all but the id, the outbox and the duplicate link.
	 */
	private static final List<String> FIELDS = List.of("firstName", "lastName", "name", "email", "phone", "website",
			"websiteStatus", "qualifier", "source", "status", "score", "assignedTo", "customFields", "updatedAt");

	private final MongoOperations mongo;

	LeadStore(MongoOperations mongo) {
		this.mongo = mongo;
	}

	/** Inserts the lead with its {@code LeadCreated} event in its outbox (one write). */
	Lead insert(Lead lead) {
		return this.mongo.insert(lead);
	}

	/**
	 * Writes the lead's fields and appends {@code event} to its outbox in one update, so
	 * an event another request appended meanwhile is never overwritten.
	 */
	Optional<Lead> update(TenantScope scope, Lead lead, OutboxEvent event) {
		Document fields = new Document();
		this.mongo.getConverter().write(lead, fields);
		Update update = new Update();
		for (String name : FIELDS) {
			Object value = fields.get(name);
			if (value != null) {
				update.set(name, value);
			}
			else {
				update.unset(name);
			}
		}
		update.push(OutboxEvent.FIELD, this.mongo.getConverter().convertToMongoType(event));
		return Optional.ofNullable(this.mongo.findAndModify(Query.query(scoped(scope).and("_id").is(lead.id())), update,
				FindAndModifyOptions.options().returnNew(true), Lead.class));
	}

	/**
	 * Marks the lead deleted and queues its {@code LeadDeleted} event; the document goes
	 * once the event is out ({@link #purgeDeleted()}).
	 */
	boolean delete(TenantScope scope, Lead lead, OutboxEvent event) {
		Update update = new Update().set("deletedAt", Instant.now())
			.push(OutboxEvent.FIELD, this.mongo.getConverter().convertToMongoType(event));
		return this.mongo.updateFirst(Query.query(scoped(scope).and("_id").is(lead.id())), update, Lead.class)
			.getModifiedCount() > 0;
	}

	/** Removes deleted leads whose events have all been published. */
	long purgeDeleted() {
		return this.mongo
			.remove(Query.query(Criteria.where("deletedAt").exists(true).and(OutboxEvent.FIELD + ".0").exists(false)),
					Lead.class)
			.getDeletedCount();
	}

	/** Other live leads of the scope with the same phone or email, oldest first. */
	List<Lead> sharingContact(TenantScope scope, long exceptId, String email, String phone, int limit) {
		List<Criteria> same = new ArrayList<>(2);
		if (email != null) {
			same.add(Criteria.where("email").is(email));
		}
		if (phone != null) {
			same.add(Criteria.where("phone").is(phone));
		}
		if (same.isEmpty()) {
			return List.of();
		}
		Query query = Query.query(scoped(scope).and("_id").ne(exceptId).orOperator(same))
			.with(Sort.by("createdAt", "_id"))
			.limit(limit);
		return this.mongo.find(query, Lead.class);
	}

	/** Sets only the duplicate link (no event: it is derived from other events). */
	void linkDuplicate(TenantScope scope, long id, Long duplicateOf) {
		Update update = (duplicateOf != null) ? new Update().set("duplicateOf", duplicateOf)
				: new Update().unset("duplicateOf");
		this.mongo.updateFirst(Query.query(scoped(scope).and("_id").is(id)), update, Lead.class);
	}

	Optional<Lead> find(TenantScope scope, long id) {
		return Optional.ofNullable(this.mongo.findOne(Query.query(scoped(scope).and("_id").is(id)), Lead.class));
	}

	/**
	 * One page, by page number or, when {@code after} is given, by cursor (no skip). One
	 * more item than asked is read, to know whether a next page exists.
	 */
	Page list(TenantScope scope, LeadFilter filter, LeadOrder order, PageRequest page, Criteria after) {
		Criteria criteria = scoped(scope);
		filter.applyTo(criteria);
		long total = this.mongo.count(Query.query(criteria), Lead.class);
		Query query = Query.query((after != null) ? new Criteria().andOperator(criteria, after) : criteria)
			.with(order.sort())
			.limit(page.limit() + 1);
		if (after == null) {
			query.skip(page.offset());
		}
		List<Lead> items = this.mongo.find(query, Lead.class);
		boolean more = items.size() > page.limit();
		return new Page(more ? items.subList(0, page.limit()) : items, total, more);
	}

	/** The scope's leads that are not deleted. */
	static Criteria scoped(TenantScope scope) {
		return Criteria.where("tenantId")
			.is(scope.tenantId())
			.and("environment")
			.is(scope.environment())
			.and("deletedAt")
			.is(null);
	}

	record Page(List<Lead> items, long total, boolean more) {
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
