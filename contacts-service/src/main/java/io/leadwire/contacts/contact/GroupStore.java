package io.leadwire.contacts.contact;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.PageRequest;
import io.leadwire.common.context.TenantScope;

/** Contact groups in MongoDB, scoped by tenant and environment. */
@Repository
public class GroupStore {

	private final MongoOperations mongo;

	public GroupStore(MongoOperations mongo) {
		this.mongo = mongo;
	}

	ContactGroup insert(ContactGroup group) {
		return this.mongo.insert(group);
	}

	public Optional<ContactGroup> find(TenantScope scope, long id) {
		return Optional
			.ofNullable(this.mongo.findOne(Query.query(scoped(scope).and("_id").is(id)), ContactGroup.class));
	}

	/**
	 * The scope's group {@code id}; another tenant's or a missing one is a 404, as
	 * docs/api.md says for any id.
	 */
	public ContactGroup require(TenantScope scope, long id) {
		return find(scope, id).orElseThrow(() -> new ApiException(404, "not_found", "Group not found"));
	}

	/** Every one of {@code ids} must be a group of the scope (404 otherwise). */
	public void requireAll(TenantScope scope, List<Long> ids) {
		if (ids.isEmpty()) {
			return;
		}
		long found = this.mongo.count(Query.query(scoped(scope).and("_id").in(ids)), ContactGroup.class);
		if (found != ids.stream().distinct().count()) {
			throw new ApiException(404, "not_found", "Group not found");
		}
	}

	List<ContactGroup> list(TenantScope scope, PageRequest page) {
		return this.mongo.find(Query.query(scoped(scope))
			.with(Sort.by(Sort.Direction.DESC, "_id"))
			.skip(page.offset())
			.limit(page.limit()), ContactGroup.class);
	}

	long count(TenantScope scope) {
		return this.mongo.count(Query.query(scoped(scope)), ContactGroup.class);
	}

	/** Writes the fields sent; null when the group is not here. */
	ContactGroup update(TenantScope scope, long id, String name, String color, Long expectedVersion) {
		Criteria criteria = scoped(scope).and("_id").is(id);
		if (expectedVersion != null) {
			criteria.and("version").is(expectedVersion);
		}
		Update update = new Update().set("updatedAt", Instant.now()).inc("version", 1);
		if (name != null) {
			update.set("name", name);
		}
		if (color != null) {
			update.set("color", color);
		}
		return this.mongo.findAndModify(Query.query(criteria), update, FindAndModifyOptions.options().returnNew(true),
				ContactGroup.class);
	}

	boolean delete(TenantScope scope, long id) {
		return this.mongo.remove(Query.query(scoped(scope).and("_id").is(id)), ContactGroup.class)
			.getDeletedCount() > 0;
	}

	private static Criteria scoped(TenantScope scope) {
		return Criteria.where("tenantId").is(scope.tenantId()).and("environment").is(scope.environment());
	}

}
