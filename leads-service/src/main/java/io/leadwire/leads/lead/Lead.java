package io.leadwire.leads.lead;

import java.time.Instant;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

import io.leadwire.common.context.Environment;

/**
 * A lead, owned by one tenant in one environment.
 */
@Document("leads")
@CompoundIndexes({
		@CompoundIndex(name = "scope_created", def = "{'tenantId': 1, 'environment': 1, 'createdAt': -1, '_id': -1}"),
		@CompoundIndex(name = "scope_status",
				def = "{'tenantId': 1, 'environment': 1, 'status': 1, 'createdAt': -1}") })
public record Lead(@Id long id, long tenantId, Environment environment, String firstName, String lastName, String name,
		String email, String phone, String website, LeadEnums.WebsiteStatus websiteStatus,
		LeadEnums.Qualifier qualifier, LeadEnums.Source source, LeadEnums.Status status, int score, Long assignedTo,
		Map<String, Object> customFields, Long duplicateOf, Instant createdAt, Instant updatedAt) {
}
