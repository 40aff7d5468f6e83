package io.leadwire.messaging.template;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.outbox.OutboxEvent;
import io.leadwire.common.outbox.OutboxRelay;

/**
 * Templates in MongoDB ({@code templates}), scoped by tenant and environment for callers;
 * a name and language are unique in a scope (a unique key of the three, so two replicas
 * creating the same template at once make one). Every change is conditioned on the
 * version read.
 */
@Repository
class TemplateStore {

	private static final int ATTEMPTS = 5;

	private final MongoOperations mongo;

	private final ObjectProvider<OutboxRelay> relay;

	TemplateStore(MongoOperations mongo, ObjectProvider<OutboxRelay> relay) {
		this.mongo = mongo;
		this.relay = relay;
		mongo.indexOps(Template.class)
			.createIndex(new Index("nameKey", Sort.Direction.ASC).unique().named("scope_name_language"));
	}

	/** The new template, or 409 when its name and language are taken in its scope. */
	Template insert(Template template) {
		try {
			this.mongo.insert(new org.bson.Document(toDocument(template)).append("nameKey", nameKey(template)),
					this.mongo.getCollectionName(Template.class));
		}
		catch (DuplicateKeyException ex) {
			throw ApiException.conflict("template_exists",
					"A template named " + template.name() + " in " + template.language() + " exists already");
		}
		nudge();
		return template;
	}

	Optional<Template> find(TenantScope scope, long id) {
		return Optional.ofNullable(this.mongo.findOne(Query.query(scoped(scope).and("_id").is(id)), Template.class));
	}

	List<Template> list(TenantScope scope, int skip, int limit) {
		return this.mongo.find(
				Query.query(scoped(scope)).with(Sort.by(Sort.Direction.DESC, "_id")).skip(skip).limit(limit),
				Template.class);
	}

	long count(TenantScope scope) {
		return this.mongo.count(Query.query(scoped(scope)), Template.class);
	}

	/** The live template Meta knows as {@code metaTemplateId} in {@code account}. */
	Optional<Template> byReview(String account, String metaTemplateId) {
		return Optional.ofNullable(this.mongo.findOne(Query.query(Criteria.where("reviews")
			.elemMatch(Criteria.where("account").is(account).and("metaTemplateId").is(metaTemplateId))
			.and("deletedAt")
			.is(null)), Template.class));
	}

	/**
	 * Applies {@code change} to the template as read, conditioned on its version (read
	 * again when another write came first); a change answering null changes nothing.
	 * {@code events} go out with the write.
	 * @return the template as written, or null when nothing was
	 */
	Template update(long id, UnaryOperator<Template> change, OutboxEvent... events) {
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			Template current = this.mongo.findOne(Query.query(Criteria.where("_id").is(id).and("deletedAt").is(null)),
					Template.class);
			if (current == null) {
				return null;
			}
			Template changed = change.apply(current);
			if (changed == null) {
				return null;
			}
			Update update = new Update().set("name", changed.name())
				.set("language", changed.language())
				.set("nameKey", nameKey(changed))
				.set("category", changed.category())
				.set("header", changed.header())
				.set("body", changed.body())
				.set("footer", changed.footer())
				.set("variables", changed.variables())
				.set("examples", changed.examples())
				.set("reviews", this.mongo.getConverter().convertToMongoType(changed.reviews()))
				.set("updatedAt", Instant.now())
				.set("deletedAt", changed.deletedAt())
				.inc("version", 1);
			for (OutboxEvent event : events) {
				update.push(OutboxEvent.FIELD, this.mongo.getConverter().convertToMongoType(event));
			}
			try {
				if (this.mongo
					.updateFirst(Query.query(Criteria.where("_id").is(id).and("version").is(current.version())), update,
							Template.class)
					.getModifiedCount() > 0) {
					if (events.length > 0) {
						nudge();
					}
					return this.mongo.findById(id, Template.class);
				}
			}
			catch (DuplicateKeyException ex) {
				throw ApiException.conflict("template_exists",
						"A template named " + changed.name() + " in " + changed.language() + " exists already");
			}
		}
		throw ApiException.conflict("conflict", "The template changed meanwhile; try again");
	}

	/** Deleted templates leave once their {@code TemplateDeleted} is out. */
	long purgeDeleted() {
		return this.mongo
			.remove(Query.query(Criteria.where("deletedAt").ne(null).and(OutboxEvent.FIELD + ".0").exists(false)),
					Template.class)
			.getDeletedCount();
	}

	private org.bson.Document toDocument(Template template) {
		org.bson.Document document = new org.bson.Document();
		this.mongo.getConverter().write(template, document);
		return document;
	}

	/**
	 * The unique key: scope, name and language (a deleted template's is freed by its id).
	 */
	private static String nameKey(Template template) {
		return (template.deletedAt() != null) ? "deleted:" + template.id() : template.tenantId() + ":"
				+ template.environment().name() + ":" + template.name() + ":" + template.language();
	}

	private static Criteria scoped(TenantScope scope) {
		return Criteria.where("tenantId")
			.is(scope.tenantId())
			.and("environment")
			.is(scope.environment())
			.and("deletedAt")
			.is(null);
	}

	private void nudge() {
		this.relay.ifAvailable(OutboxRelay::nudge);
	}

}
