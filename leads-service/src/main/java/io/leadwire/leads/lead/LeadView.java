package io.leadwire.leads.lead;

import java.time.Instant;
import java.util.Map;

/**
 * A lead as the API shows it; ids are internal here and encoded by the gateway.
 */
record LeadView(long id, long tenantId, String firstName, String lastName, String name, String email, String phone,
		String website, LeadEnums.WebsiteStatus websiteStatus, LeadEnums.Qualifier qualifier, LeadEnums.Source source,
		LeadEnums.Status status, int score, Long assignedTo, Map<String, Object> customFields, Long duplicateOf,
		Instant createdAt, Instant updatedAt) {

	static LeadView of(Lead lead) {
		return new LeadView(lead.id(), lead.tenantId(), lead.firstName(), lead.lastName(), lead.name(), lead.email(),
				lead.phone(), lead.website(), lead.websiteStatus(), lead.qualifier(), lead.source(), lead.status(),
				lead.score(), lead.assignedTo(), lead.customFields(), lead.duplicateOf(), lead.createdAt(),
				lead.updatedAt());
	}

}
