package io.leadwire.leads.lead;

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
 * A lead, owned by one tenant in one environment. A deleted lead stays (with
 * {@code deletedAt}) until its {@code LeadDeleted} event has left through the outbox.
 * <p>
 * {@code version} counts the lead's changes (every write adds one): it is the lead's
 * ETag, and {@code If-Match} conditions an update on it.
 * <p>
 * {@code contactKeys} ({@link ContactKeys}) holds the lead's phone and email keys that no
 * other live lead holds: a unique index over them answers "is there a lead with this
 * phone or email?" for a whole import batch in one indexed query.
 */
@Document("leads")
@CompoundIndexes({
		@CompoundIndex(name = "scope_created", def = "{'tenantId': 1, 'environment': 1, 'createdAt': -1, '_id': -1}"),
		@CompoundIndex(name = "scope_status", def = "{'tenantId': 1, 'environment': 1, 'status': 1, 'createdAt': -1}"),
		@CompoundIndex(name = "scope_phone", def = "{'tenantId': 1, 'environment': 1, 'phone': 1}"),
		@CompoundIndex(name = "scope_email", def = "{'tenantId': 1, 'environment': 1, 'email': 1}"),
		@CompoundIndex(name = "scope_assigned", def = "{'tenantId': 1, 'environment': 1, 'assignedTo': 1}"),
		@CompoundIndex(name = "scope_name", def = "{'tenantId': 1, 'environment': 1, 'name': 1, '_id': 1}"),
		@CompoundIndex(name = "scope_score", def = "{'tenantId': 1, 'environment': 1, 'score': 1, '_id': 1}"),
		@CompoundIndex(name = "deleted", def = "{'deletedAt': 1}", sparse = true),
		@CompoundIndex(name = "contact_keys", def = "{'contactKeys': 1}", unique = true, sparse = true),
		@CompoundIndex(name = "scope_updated", def = "{'tenantId': 1, 'environment': 1, 'updatedAt': 1, '_id': 1}") })
public record Lead(@Id long id, long tenantId, Environment environment, String firstName, String lastName, String name,
		String email, String phone, String website, LeadEnums.WebsiteStatus websiteStatus,
		LeadEnums.Qualifier qualifier, LeadEnums.Source source, LeadEnums.Status status, int score, Long assignedTo,
		Map<String, Object> customFields, Long duplicateOf, Instant createdAt, Instant updatedAt, Instant deletedAt,
		List<String> contactKeys, List<OutboxEvent> outbox, long version) {

	/** The same lead with {@code event} waiting in its outbox. */
	public Lead withEvent(OutboxEvent event) {
		List<OutboxEvent> events = new ArrayList<>((this.outbox != null) ? this.outbox : List.of());
		events.add(event);
		return new Lead(this.id, this.tenantId, this.environment, this.firstName, this.lastName, this.name, this.email,
				this.phone, this.website, this.websiteStatus, this.qualifier, this.source, this.status, this.score,
				this.assignedTo, this.customFields, this.duplicateOf, this.createdAt, this.updatedAt, this.deletedAt,
				this.contactKeys, events, this.version);
	}

	/** The same lead holding {@code keys} (none when empty). */
	public Lead withContactKeys(List<String> keys) {
		return new Lead(this.id, this.tenantId, this.environment, this.firstName, this.lastName, this.name, this.email,
				this.phone, this.website, this.websiteStatus, this.qualifier, this.source, this.status, this.score,
				this.assignedTo, this.customFields, this.duplicateOf, this.createdAt, this.updatedAt, this.deletedAt,
				(keys == null || keys.isEmpty()) ? null : List.copyOf(keys), this.outbox, this.version);
	}

	/** The same lead with another website status, changed at {@code now}. */
	public Lead withWebsiteStatus(LeadEnums.WebsiteStatus status, Instant now) {
		return new Lead(this.id, this.tenantId, this.environment, this.firstName, this.lastName, this.name, this.email,
				this.phone, this.website, status, this.qualifier, this.source, this.status, this.score, this.assignedTo,
				this.customFields, this.duplicateOf, this.createdAt, now, this.deletedAt, this.contactKeys, this.outbox,
				this.version);
	}

	public TenantScope scope() {
		return new TenantScope(this.tenantId, this.environment);
	}

}
