package io.leadwire.contacts.contact;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

import io.leadwire.common.context.Environment;
import io.leadwire.common.context.TenantScope;

/**
 * A group of contacts (docs/api.md §4). Membership lives on the contacts
 * ({@code groupIds}), so a group's {@code contactCount} is counted from them when it is
 * read.
 */
@Document("contact_groups")
@CompoundIndexes({ @CompoundIndex(name = "scope_id", def = "{'tenantId': 1, 'environment': 1, '_id': -1}") })
public record ContactGroup(@Id long id, long tenantId, Environment environment, String name, String color,
		Instant createdAt, Instant updatedAt, long version) {

	public TenantScope scope() {
		return new TenantScope(this.tenantId, this.environment);
	}

}
