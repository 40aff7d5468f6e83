package io.leadwire.contacts.contact;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

import io.leadwire.common.context.Environment;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.outbox.OutboxEvent;

/**
 * A contact of one tenant in one environment; its phone (E.164) is its identity there:
 * {@code phoneKey} ({@link PhoneKeys}) carries a unique index, so a second contact with
 * the phone is refused by the database, never by a check-then-insert. A deleted contact
 * stays (with {@code deletedAt}, its phone key released) until its {@code ContactDeleted}
 * event has left through the outbox.
 * <p>
 * {@code optedOut} mirrors the tenant's suppression list ({@link Suppressions}) for
 * showing and filtering; the list itself is what recipients are checked against.
 * {@code version} counts the contact's changes: it is its ETag.
 */
@Document("contacts")
@CompoundIndexes({ @CompoundIndex(name = "phone_key", def = "{'phoneKey': 1}", unique = true, sparse = true),
		@CompoundIndex(name = "scope_id", def = "{'tenantId': 1, 'environment': 1, '_id': -1}"),
		@CompoundIndex(name = "scope_group_id", def = "{'tenantId': 1, 'environment': 1, 'groupIds': 1, '_id': -1}"),
		@CompoundIndex(name = "scope_name", def = "{'tenantId': 1, 'environment': 1, 'name': 1}"),
		@CompoundIndex(name = "scope_favorite_id", def = "{'tenantId': 1, 'environment': 1, 'favorite': 1, '_id': -1}"),
		@CompoundIndex(name = "scope_opted_out_id",
				def = "{'tenantId': 1, 'environment': 1, 'optedOut': 1, '_id': -1}"),
		@CompoundIndex(name = "deleted", def = "{'deletedAt': 1}", sparse = true) })
public record Contact(@Id long id, long tenantId, Environment environment, String name, String phone, String phoneKey,
		String email, List<Long> groupIds, boolean favorite, boolean optedOut, Map<String, Object> customFields,
		Instant createdAt, Instant updatedAt, Instant deletedAt, List<OutboxEvent> outbox, long version) {

	public TenantScope scope() {
		return new TenantScope(this.tenantId, this.environment);
	}

	/** The same contact with {@code event} waiting in its outbox. */
	Contact withEvent(OutboxEvent event) {
		List<OutboxEvent> events = new ArrayList<>((this.outbox != null) ? this.outbox : List.of());
		events.add(event);
		return new Contact(this.id, this.tenantId, this.environment, this.name, this.phone, this.phoneKey, this.email,
				this.groupIds, this.favorite, this.optedOut, this.customFields, this.createdAt, this.updatedAt,
				this.deletedAt, events, this.version);
	}

}
