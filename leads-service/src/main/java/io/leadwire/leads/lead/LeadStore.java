package io.leadwire.leads.lead;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.mongodb.MongoClientSettings;
import com.mongodb.bulk.BulkWriteError;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import io.leadwire.common.api.PageRequest;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.mongo.UniqueInserts;
import io.leadwire.common.outbox.OutboxEvent;

/**
 * Leads in MongoDB; every query starts with the tenant and environment.
 */
@Repository
public class LeadStore {

	/**
	 * The fields a change rewrites: all but the id, the outbox and the duplicate link.
	 */
	private static final List<String> FIELDS = List.of("firstName", "lastName", "name", "email", "phone", "website",
			"websiteStatus", "qualifier", "source", "status", "score", "assignedTo", "customFields", "updatedAt");

	static final String CONTACT_KEYS = "contactKeys";

	private static final int DUPLICATE_KEY = UniqueInserts.DUPLICATE_KEY;

	private final MongoOperations mongo;

	private final Codec<Document> documentCodec;

	public LeadStore(MongoOperations mongo) {
		this.mongo = mongo;
		this.documentCodec = MongoClientSettings.getDefaultCodecRegistry().get(Document.class);
	}

	/**
	 * Inserts the lead with its {@code LeadCreated} event in its outbox (one write),
	 * claiming those of its contact keys no other lead holds.
	 */
	public Lead insert(Lead lead) {
		List<String> keys = ContactKeys.of(lead);
		try {
			return this.mongo.insert(lead.withContactKeys(keys));
		}
		catch (DuplicateKeyException ex) {
			// Another lead holds a key: this one is its duplicate and claims only the
			// rest.
			return this.mongo.insert(lead.withContactKeys(free(keys, lead.id())));
		}
	}

	/**
	 * A new lead converted to its document ahead of a bulk insert (the conversion is CPU
	 * work an import does while the previous batch is being written).
	 */
	public NewLead prepareInsert(Lead lead) {
		Document document = new Document();
		this.mongo.getConverter().write(lead, document);
		return new NewLead(lead, new RawBsonDocument(document, this.documentCodec));
	}

	/**
	 * Inserts new leads, each holding all its contact keys, in one unordered bulk write.
	 * The unique index refuses any lead whose key another lead holds: their positions are
	 * returned (the others are in), for the caller to match them to that lead.
	 */
	public List<Integer> insertAllClaiming(List<NewLead> leads) {
		if (leads.isEmpty()) {
			return List.of();
		}
		List<RawBsonDocument> documents = new ArrayList<>(leads.size());
		leads.forEach((lead) -> documents.add(lead.document()));
		return this.mongo.execute(Lead.class, (collection) -> UniqueInserts
			.insertAll(collection.withDocumentClass(RawBsonDocument.class), documents));
	}

	/** A lead and its document, encoded, ready for {@link #insertAllClaiming}. */
	public record NewLead(Lead lead, RawBsonDocument document) {
	}

	/**
	 * The live leads holding any of {@code keys}. Keys carry the tenant and environment
	 * ({@link ContactKeys}), so the query is scoped by them and served by the unique
	 * {@code contact_keys} index alone; the scope is checked again on what comes back.
	 */
	public List<Lead> holding(TenantScope scope, Collection<String> keys) {
		if (keys.isEmpty()) {
			return List.of();
		}
		// Keys are plain strings: the query goes to the driver as is, without Spring's
		// mapping of 2,000 values per import batch.
		Document query = new Document(CONTACT_KEYS, new Document("$in", new ArrayList<>(keys)));
		List<Document> found = this.mongo.execute(Lead.class,
				(collection) -> collection.find(query).into(new ArrayList<>()));
		List<Lead> holders = new ArrayList<>(found.size());
		for (Document document : found) {
			Lead lead = this.mongo.getConverter().read(Lead.class, document);
			if (lead.tenantId() == scope.tenantId() && lead.environment() == scope.environment()
					&& lead.deletedAt() == null) {
				holders.add(lead);
			}
		}
		return holders;
	}

	/**
	 * Gives {@code key} to the lead {@code id} unless a lead holds it already; false if
	 * one does.
	 */
	boolean claim(TenantScope scope, long id, String key) {
		try {
			return this.mongo
				.updateFirst(Query.query(scoped(scope).and("_id").is(id)), new Update().addToSet(CONTACT_KEYS, key),
						Lead.class)
				.getModifiedCount() > 0;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/** Whether a live lead holds {@code key}. */
	boolean isHeld(String key) {
		return this.mongo.exists(Query.query(Criteria.where(CONTACT_KEYS).is(key)), Lead.class);
	}

	/** Those of {@code keys} that no lead but {@code self} holds. */
	private List<String> free(List<String> keys, long self) {
		Set<String> taken = new HashSet<>();
		for (Lead holder : this.mongo.find(Query.query(Criteria.where(CONTACT_KEYS).in(keys)), Lead.class)) {
			if (holder.id() != self && holder.contactKeys() != null) {
				taken.addAll(holder.contactKeys());
			}
		}
		return keys.stream().filter((key) -> !taken.contains(key)).toList();
	}

	/**
	 * Writes the lead's {@code fields} (only those: a concurrent change of another field
	 * is kept) and appends {@code event} to its outbox in one update, adding one to its
	 * version. With {@code expectedVersion}, only a lead still at that version is
	 * written.
	 */
	Written update(TenantScope scope, Lead lead, OutboxEvent event, java.util.Set<String> fields,
			Long expectedVersion) {
		Query query = Query.query(atVersion(scoped(scope).and("_id").is(lead.id()), expectedVersion));
		FindAndModifyOptions options = FindAndModifyOptions.options().returnNew(true);
		boolean keysChange = fields.contains("phone") || fields.contains("email");
		Lead written;
		try {
			written = this.mongo.findAndModify(query,
					change(lead, event, keysChange ? free(ContactKeys.of(lead), lead.id()) : null, fields), options,
					Lead.class);
		}
		catch (DuplicateKeyException ex) {
			// A key was claimed between the check and the write: the next look keeps the
			// others.
			written = this.mongo.findAndModify(query,
					change(lead, event, free(ContactKeys.of(lead), lead.id()), fields), options, Lead.class);
		}
		if (written != null) {
			return new Written(written, false);
		}
		return new Written(null, expectedVersion != null && find(scope, lead.id()).isPresent());
	}

	/** {@code criteria}, and the lead at {@code version} when one is expected. */
	private static Criteria atVersion(Criteria criteria, Long version) {
		if (version == null) {
			return criteria;
		}
		// Leads written before versions existed have none: they are at version 0.
		return (version == 0) ? new Criteria().andOperator(criteria,
				new Criteria().orOperator(Criteria.where("version").is(0L), Criteria.where("version").exists(false)))
				: criteria.and("version").is(version);
	}

	/**
	 * The outcome of a conditional write: the lead as written, or none, because it is
	 * gone or because it moved past the version the caller expected ({@code stale}).
	 */
	record Written(Lead lead, boolean stale) {
	}

	/**
	 * Applies many updates ({@link #update}) in one unordered bulk write, each lead
	 * claiming the {@code contactKeys} it carries (the caller found them free); those
	 * that lost a key to another lead meanwhile are written again on their own.
	 */
	public void updateAll(List<Lead> leads, List<OutboxEvent> events) {
		if (leads.isEmpty()) {
			return;
		}
		BulkOperations bulk = this.mongo.bulkOps(BulkMode.UNORDERED, Lead.class);
		for (int i = 0; i < leads.size(); i++) {
			Lead lead = leads.get(i);
			bulk.updateOne(Query.query(scoped(lead.scope()).and("_id").is(lead.id())),
					change(lead, events.get(i), (lead.contactKeys() != null) ? lead.contactKeys() : List.of()));
		}
		try {
			bulk.execute();
		}
		catch (BulkOperationException ex) {
			for (BulkWriteError error : ex.getErrors()) {
				if (error.getCode() != DUPLICATE_KEY) {
					throw ex;
				}
			}
			for (BulkWriteError error : ex.getErrors()) {
				Lead lead = leads.get(error.getIndex());
				update(lead.scope(), lead, events.get(error.getIndex()), new HashSet<>(FIELDS), null);
			}
		}
	}

	/**
	 * The lead's fields set (or unset when null), {@code event} appended to the outbox
	 * and {@code keys} claimed.
	 */
	private Update change(Lead lead, OutboxEvent event, List<String> keys) {
		return change(lead, event, keys, null);
	}

	/**
	 * {@code fields} of the lead set (or unset when null; all of them when {@code fields}
	 * is null), {@code event} appended to the outbox, the version moved on, and
	 * {@code keys} claimed (left alone when null).
	 */
	private Update change(Lead lead, OutboxEvent event, List<String> keys, java.util.Set<String> fields) {
		Document document = new Document();
		this.mongo.getConverter().write(lead, document);
		Update update = new Update();
		for (String name : FIELDS) {
			if (fields != null && !fields.contains(name) && !name.equals("updatedAt")) {
				continue;
			}
			Object value = document.get(name);
			if (value != null) {
				update.set(name, value);
			}
			else {
				update.unset(name);
			}
		}
		update.inc("version", 1);
		update.push(OutboxEvent.FIELD, this.mongo.getConverter().convertToMongoType(event));
		if (keys == null) {
			return update;
		}
		return keys.isEmpty() ? update.unset(CONTACT_KEYS) : update.set(CONTACT_KEYS, keys);
	}

	/**
	 * Marks the lead deleted and queues its {@code LeadDeleted} event; the document goes
	 * once the event is out ({@link #purgeDeleted()}).
	 */
	boolean delete(TenantScope scope, Lead lead, OutboxEvent event, Long expectedVersion) {
		Update update = new Update().set("deletedAt", Instant.now())
			.unset(CONTACT_KEYS)
			.inc("version", 1)
			.push(OutboxEvent.FIELD, this.mongo.getConverter().convertToMongoType(event));
		return this.mongo
			.updateFirst(Query.query(atVersion(scoped(scope).and("_id").is(lead.id()), expectedVersion)), update,
					Lead.class)
			.getModifiedCount() > 0;
	}

	/** Removes deleted leads whose events have all been published. */
	long purgeDeleted() {
		return this.mongo
			.remove(Query.query(Criteria.where("deletedAt").exists(true).and(OutboxEvent.FIELD + ".0").exists(false)),
					Lead.class)
			.getDeletedCount();
	}

	/** How many live leads of the scope there are, or of {@code ids} when given. */
	public long count(TenantScope scope, List<Long> ids) {
		Criteria criteria = scoped(scope);
		if (ids != null) {
			criteria.and("_id").in(ids);
		}
		return this.mongo.count(Query.query(criteria), Lead.class);
	}

	/**
	 * The next live leads of the scope (among {@code ids} when given) with ids above
	 * {@code after}, in id order: a range read, never a skip.
	 */
	public List<Lead> chunkAfter(TenantScope scope, List<Long> ids, long after, int limit) {
		Criteria criteria = scoped(scope).and("_id").gt(after);
		if (ids != null) {
			criteria = new Criteria().andOperator(criteria, Criteria.where("_id").in(ids));
		}
		return this.mongo.find(Query.query(criteria).with(Sort.by("_id")).limit(limit), Lead.class);
	}

	/**
	 * Sets each lead's website status and queues its {@code LeadUpdated}, in one bulk
	 * write.
	 */
	public void setWebsiteStatuses(TenantScope scope, List<Lead> leads, List<OutboxEvent> events) {
		List<Checked> checks = new ArrayList<>(leads.size());
		for (int i = 0; i < leads.size(); i++) {
			checks.add(new Checked(leads.get(i), true, List.of(events.get(i))));
		}
		recordChecks(scope, checks);
	}

	/**
	 * A lead whose website was checked: {@code changed} when its status is new (it is
	 * written, a new version), and the events it publishes either way.
	 */
	public record Checked(Lead lead, boolean changed, List<OutboxEvent> events) {
	}

	/** Writes a chunk's checks and queues their events, in one bulk write. */
	public void recordChecks(TenantScope scope, List<Checked> checks) {
		if (checks.isEmpty()) {
			return;
		}
		BulkOperations bulk = this.mongo.bulkOps(BulkMode.UNORDERED, Lead.class);
		for (Checked check : checks) {
			Lead lead = check.lead();
			Update update = new Update();
			if (check.changed()) {
				update.set("websiteStatus", lead.websiteStatus()).set("updatedAt", lead.updatedAt()).inc("version", 1);
			}
			update.push(OutboxEvent.FIELD)
				.each(check.events()
					.stream()
					.map((event) -> this.mongo.getConverter().convertToMongoType(event))
					.toArray());
			bulk.updateOne(Query.query(scoped(scope).and("_id").is(lead.id())), update);
		}
		bulk.execute();
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

	/**
	 * @param phone an E.164 phone the lead must have
	 * @param qDigits the digits of {@code q} if it is written like a phone number
	 * @param qPhone the E.164 form of {@code q}, if it is a phone number
	 */
	record LeadFilter(LeadEnums.Status status, LeadEnums.WebsiteStatus websiteStatus, LeadEnums.Qualifier qualifier,
			LeadEnums.Source source, Long assignedTo, String phone, String q, String qDigits, String qPhone) {

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
			if (this.phone != null) {
				criteria.and("phone").is(this.phone);
			}
			if (this.q != null && !this.q.isBlank()) {
				String literal = Pattern.quote(this.q.trim());
				List<Criteria> any = new ArrayList<>(List.of(Criteria.where("name").regex(literal, "i"),
						Criteria.where("email").regex(literal, "i"), Criteria.where("phone").regex(literal)));
				if (this.qDigits != null) {
					any.add(Criteria.where("phone").regex(this.qDigits));
				}
				if (this.qPhone != null) {
					any.add(Criteria.where("phone").is(this.qPhone));
				}
				criteria.orOperator(any);
			}
		}

	}

}
