package io.leadwire.contacts.contact;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.bson.Document;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.api.PageRequest;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.mongo.UniqueInserts;
import io.leadwire.common.outbox.OutboxEvent;

/**
 * Contacts in MongoDB; every query starts with the tenant and environment, and leaves
 * deleted contacts out.
 */
@Repository
public class ContactStore {

	static final String COLLECTION = "contacts";

	private final MongoOperations mongo;

	public ContactStore(MongoOperations mongo) {
		this.mongo = mongo;
	}

	/** Inserts a new contact; its phone held by another contact here is a 409. */
	Contact insert(Contact contact) {
		try {
			return this.mongo.insert(contact);
		}
		catch (DuplicateKeyException ex) {
			throw duplicatePhone(contact.phone());
		}
	}

	static ApiException duplicatePhone(String phone) {
		return new ApiException(409, ErrorCodes.DUPLICATE_PHONE,
				"A contact with the phone " + phone + " already exists");
	}

	public Optional<Contact> find(TenantScope scope, long id) {
		return Optional.ofNullable(this.mongo.findOne(Query.query(scoped(scope).and("_id").is(id)), Contact.class));
	}

	/** The live contacts holding any of {@code phoneKeys} (one indexed query). */
	public List<Contact> holding(Collection<String> phoneKeys) {
		if (phoneKeys.isEmpty()) {
			return List.of();
		}
		return this.mongo.find(Query.query(Criteria.where("phoneKey").in(phoneKeys)), Contact.class);
	}

	/**
	 * One page, newest first: by page number, or after the contact {@code afterId} (a
	 * cursor: a range read, never a skip). One more is read to know whether more follow.
	 */
	Page list(TenantScope scope, ContactFilter filter, PageRequest page, Long afterId) {
		Criteria criteria = scoped(scope);
		filter.applyTo(criteria);
		long total = this.mongo.count(Query.query(criteria), Contact.class);
		if (afterId != null) {
			criteria = new Criteria().andOperator(criteria, Criteria.where("_id").lt(afterId));
		}
		Query query = Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "_id")).limit(page.limit() + 1);
		if (afterId == null) {
			query.skip(page.offset());
		}
		List<Contact> items = this.mongo.find(query, Contact.class);
		boolean more = items.size() > page.limit();
		return new Page(more ? items.subList(0, page.limit()) : items, total, more);
	}

	record Page(List<Contact> items, long total, boolean more) {
	}

	/**
	 * Every live contact of the filter, newest first, as a stream over a database cursor
	 * (an export: nothing but the cursor's batch is held). Close it.
	 */
	public Stream<Document> stream(TenantScope scope, ContactFilter filter, int batchSize) {
		Criteria criteria = scoped(scope);
		filter.applyTo(criteria);
		Query query = Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "_id")).cursorBatchSize(batchSize);
		query.fields().exclude("outbox", "phoneKey", "tenantId", "environment", "version");
		return this.mongo.stream(query, Document.class, COLLECTION);
	}

	/**
	 * Writes the change's touched fields only (a concurrent change of another field is
	 * kept) and moves the version on; with {@code expectedVersion}, only if the contact
	 * is still at it. Null when it is gone or moved on ({@code stale} tells which).
	 */
	Written update(TenantScope scope, long id, ContactFields fields, boolean optedOut, Long expectedVersion) {
		Criteria criteria = scoped(scope).and("_id").is(id);
		if (expectedVersion != null) {
			criteria.and("version").is(expectedVersion);
		}
		Update update = new Update().set("updatedAt", Instant.now()).inc("version", 1);
		for (String field : fields.touched()) {
			Object value = switch (field) {
				case "name" -> fields.name();
				case "phone" -> fields.phone();
				case "email" -> fields.email();
				case "groupIds" -> fields.groupIds();
				case "favorite" -> fields.favorite();
				case "customFields" -> fields.customFields();
				default -> throw new IllegalArgumentException(field);
			};
			if (value != null) {
				update.set(field, value);
			}
			else {
				update.unset(field);
			}
		}
		if (fields.touched().contains("phone")) {
			update.set("phoneKey", PhoneKeys.of(scope, fields.phone())).set("optedOut", optedOut);
		}
		try {
			Contact written = this.mongo.findAndModify(Query.query(criteria), update,
					FindAndModifyOptions.options().returnNew(true), Contact.class);
			if (written != null) {
				return new Written(written, false);
			}
		}
		catch (DuplicateKeyException ex) {
			throw duplicatePhone(fields.phone());
		}
		return new Written(null, expectedVersion != null && find(scope, id).isPresent());
	}

	record Written(Contact contact, boolean stale) {
	}

	/** Flips the favourite flag in one write; null when the contact is not here. */
	Contact toggleFavorite(TenantScope scope, long id) {
		for (int attempt = 0; attempt < 5; attempt++) {
			Contact current = find(scope, id).orElse(null);
			if (current == null) {
				return null;
			}
			Contact written = this.mongo.findAndModify(
					Query.query(scoped(scope).and("_id").is(id).and("version").is(current.version())),
					new Update().set("favorite", !current.favorite()).set("updatedAt", Instant.now()).inc("version", 1),
					FindAndModifyOptions.options().returnNew(true), Contact.class);
			if (written != null) {
				return written;
			}
		}
		throw new ApiException(409, ErrorCodes.INVALID_STATE, "The contact is changing too fast: try again");
	}

	/**
	 * Marks the contact deleted, releases its phone and queues {@code event}; the
	 * document goes once the event is out ({@link #purgeDeleted()}).
	 */
	boolean delete(TenantScope scope, long id, OutboxEvent event, Long expectedVersion) {
		Criteria criteria = scoped(scope).and("_id").is(id);
		if (expectedVersion != null) {
			criteria.and("version").is(expectedVersion);
		}
		return this.mongo.updateFirst(Query.query(criteria), deletion(event), Contact.class).getModifiedCount() > 0;
	}

	private Update deletion(OutboxEvent event) {
		return new Update().set("deletedAt", Instant.now())
			.unset("phoneKey")
			.inc("version", 1)
			.push(OutboxEvent.FIELD, this.mongo.getConverter().convertToMongoType(event));
	}

	/** The live contacts among {@code ids} in the scope. */
	List<Contact> findAll(TenantScope scope, Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.mongo.find(Query.query(scoped(scope).and("_id").in(ids)), Contact.class);
	}

	/** Deletes each of {@code contacts} with its event, in one bulk write. */
	void deleteAll(TenantScope scope, List<Contact> contacts, List<OutboxEvent> events) {
		if (contacts.isEmpty()) {
			return;
		}
		BulkOperations bulk = this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Contact.class);
		for (int i = 0; i < contacts.size(); i++) {
			bulk.updateOne(Query.query(scoped(scope).and("_id").is(contacts.get(i).id())), deletion(events.get(i)));
		}
		bulk.execute();
	}

	/**
	 * A new contact as its document, ready for {@link #insertAll} (CPU work done ahead).
	 */
	public Document toDocument(Contact contact) {
		Document document = new Document();
		this.mongo.getConverter().write(contact, document);
		return document;
	}

	/**
	 * Inserts new contacts in one unordered bulk write; the unique phone index refuses
	 * those whose phone a contact holds: their positions are returned.
	 */
	public List<Integer> insertAll(List<Document> documents) {
		return this.mongo.execute(COLLECTION, (collection) -> UniqueInserts.insertAll(collection, documents));
	}

	/**
	 * Writes each change's touched fields onto its contact in one unordered bulk write;
	 * groups are added ({@code $addToSet}), never replaced, so a concurrent change of a
	 * contact's groups is kept.
	 */
	public void updateAll(TenantScope scope, List<Long> ids, List<ContactFields> changes) {
		if (ids.isEmpty()) {
			return;
		}
		BulkOperations bulk = this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Contact.class);
		Instant now = Instant.now();
		for (int i = 0; i < ids.size(); i++) {
			ContactFields fields = changes.get(i);
			Update update = new Update().set("updatedAt", now).inc("version", 1);
			for (String field : fields.touched()) {
				switch (field) {
					case "name" -> update.set("name", fields.name());
					case "email" -> setOrUnset(update, "email", fields.email());
					case "favorite" -> update.set("favorite", fields.favorite());
					case "customFields" -> update.set("customFields", fields.customFields());
					case "groupIds" -> update.addToSet("groupIds").each(fields.groupIds().toArray());
					default -> {
						// The phone is the contact's identity: an import finds by it.
					}
				}
			}
			bulk.updateOne(Query.query(scoped(scope).and("_id").is(ids.get(i))), update);
		}
		bulk.execute();
	}

	private static void setOrUnset(Update update, String field, Object value) {
		if (value != null) {
			update.set(field, value);
		}
		else {
			update.unset(field);
		}
	}

	/** Adds the contacts among {@code ids} to each of {@code groupIds}. */
	public void joinGroups(TenantScope scope, Collection<Long> ids, List<Long> groupIds) {
		if (ids.isEmpty() || groupIds.isEmpty()) {
			return;
		}
		this.mongo.updateMulti(Query.query(scoped(scope).and("_id").in(ids)),
				new Update().addToSet("groupIds")
					.each(groupIds.toArray())
					.set("updatedAt", Instant.now())
					.inc("version", 1),
				Contact.class);
	}

	/** Adds {@code groupId} to the contacts among {@code ids} that do not have it yet. */
	void assignGroup(TenantScope scope, Collection<Long> ids, long groupId) {
		if (ids.isEmpty()) {
			return;
		}
		this.mongo.updateMulti(Query.query(scoped(scope).and("_id").in(ids).and("groupIds").ne(groupId)),
				new Update().addToSet("groupIds", groupId).set("updatedAt", Instant.now()).inc("version", 1),
				Contact.class);
	}

	/** Takes a deleted group off every contact that had it. */
	void removeGroup(TenantScope scope, long groupId) {
		this.mongo.updateMulti(Query.query(scoped(scope).and("groupIds").is(groupId)),
				new Update().pull("groupIds", groupId).set("updatedAt", Instant.now()).inc("version", 1),
				Contact.class);
	}

	/** Mirrors the suppression list's state onto the contact holding the phone. */
	void setOptedOut(String phoneKey, boolean optedOut) {
		this.mongo.updateFirst(Query.query(Criteria.where("phoneKey").is(phoneKey).and("optedOut").ne(optedOut)),
				new Update().set("optedOut", optedOut).set("updatedAt", Instant.now()).inc("version", 1),
				Contact.class);
	}

	/**
	 * Live contacts per group of {@code groupIds}, counted in the database on every read
	 * (so a count is right after any change, whoever made it).
	 */
	Map<Long, Long> countByGroup(TenantScope scope, Collection<Long> groupIds) {
		Map<Long, Long> counts = new HashMap<>();
		if (groupIds.isEmpty()) {
			return counts;
		}
		Aggregation aggregation = Aggregation.newAggregation(
				Aggregation.match(scoped(scope).and("groupIds").in(groupIds)), Aggregation.project("groupIds"),
				Aggregation.unwind("groupIds"), Aggregation.match(Criteria.where("groupIds").in(groupIds)),
				Aggregation.group("groupIds").count().as("count"));
		for (Document row : this.mongo.aggregate(aggregation, COLLECTION, Document.class).getMappedResults()) {
			counts.put(((Number) row.get("_id")).longValue(), ((Number) row.get("count")).longValue());
		}
		return counts;
	}

	/** Removes deleted contacts whose events have all been published. */
	long purgeDeleted() {
		return this.mongo
			.remove(Query.query(Criteria.where("deletedAt").exists(true).and(OutboxEvent.FIELD + ".0").exists(false)),
					Contact.class)
			.getDeletedCount();
	}

	/** The scope's live contacts. */
	public static Criteria scoped(TenantScope scope) {
		return Criteria.where("tenantId")
			.is(scope.tenantId())
			.and("environment")
			.is(scope.environment())
			.and("deletedAt")
			.is(null);
	}

	/** Ids of {@code contacts}. */
	static List<Long> ids(List<Contact> contacts) {
		List<Long> ids = new ArrayList<>(contacts.size());
		contacts.forEach((contact) -> ids.add(contact.id()));
		return ids;
	}

}
