package io.leadwire.contacts.contact;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import io.leadwire.common.context.TenantScope;
import io.leadwire.common.inbox.Inbox;
import io.leadwire.common.outbox.OutboxEvent;
import tools.jackson.databind.ObjectMapper;

/**
 * The tenants' suppression lists (opt-outs by phone), with their events in each entry's
 * outbox. A change and its event are one write; setting the state a phone already has
 * writes nothing and publishes nothing.
 */
@Repository
public class Suppressions {

	static final String COLLECTION = "suppressions";

	private final MongoOperations mongo;

	private final ObjectMapper json;

	private final Inbox inbox;

	public Suppressions(MongoOperations mongo, ObjectMapper json) {
		this.mongo = mongo;
		this.json = json;
		this.inbox = new Inbox(mongo);
	}

	/**
	 * Puts the phone on the list (or takes it off), with its event, unless it is there
	 * (or off) already. Returns whether the state changed.
	 */
	boolean set(TenantScope scope, String phone, boolean optedOut, Long contactId, String source, String reason) {
		String key = PhoneKeys.of(scope, phone);
		OutboxEvent event = optedOut ? ContactEvents.optedOut(scope, phone, contactId, source, this.json)
				: ContactEvents.optedIn(scope, phone, contactId, source, this.json);
		Query query = Query.query(Criteria.where("_id").is(key).and("optedOut").ne(optedOut));
		Update update = change(scope, phone, optedOut, source, reason, event);
		try {
			var result = this.mongo.upsert(query, update, COLLECTION);
			return result.getModifiedCount() > 0 || result.getUpsertedId() != null;
		}
		catch (org.springframework.dao.DuplicateKeyException ex) {
			// The entry exists in that state already: the upsert tried a second one.
			return false;
		}
	}

	/**
	 * An inbound STOP, once per event id however often it is delivered: the phone goes on
	 * the list with a {@code ContactOptedOut} (a phone on it already gets the event
	 * again, harmless to consumers that set state).
	 */
	boolean optOutOnce(TenantScope scope, String phone, String eventId, String reason) {
		String key = PhoneKeys.of(scope, phone);
		OutboxEvent event = ContactEvents.optedOut(scope, phone, null, "inbound", this.json);
		return this.inbox.apply(COLLECTION, key, eventId, change(scope, phone, true, "inbound", reason, event));
	}

	private Update change(TenantScope scope, String phone, boolean optedOut, String source, String reason,
			OutboxEvent event) {
		Update update = new Update().set("optedOut", optedOut)
			.set("source", source)
			.set("updatedAt", Instant.now())
			.setOnInsert("tenantId", scope.tenantId())
			.setOnInsert("environment", scope.environment().name())
			.setOnInsert("phone", phone)
			.push(OutboxEvent.FIELD, this.mongo.getConverter().convertToMongoType(event));
		return (reason != null) ? update.set("reason", reason) : update.unset("reason");
	}

	/** Whether the phone is on the scope's list. */
	public boolean isOptedOut(TenantScope scope, String phone) {
		return !optedOut(List.of(PhoneKeys.of(scope, phone))).isEmpty();
	}

	/** Those of {@code phoneKeys} on their list (one query by id). */
	public Set<String> optedOut(Collection<String> phoneKeys) {
		Set<String> out = new HashSet<>();
		if (phoneKeys.isEmpty()) {
			return out;
		}
		Query query = Query.query(Criteria.where("_id").in(phoneKeys).and("optedOut").is(true));
		query.fields().include("_id");
		for (org.bson.Document entry : this.mongo.find(query, org.bson.Document.class, COLLECTION)) {
			out.add(entry.getString("_id"));
		}
		return out;
	}

}
