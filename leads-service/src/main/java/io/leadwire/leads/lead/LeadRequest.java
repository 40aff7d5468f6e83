package io.leadwire.leads.lead;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A lead's writable fields as a client sends them, for create, {@code PUT}, {@code PATCH}
 * and {@code POST …/{id}} with {@code _method}. Each field is presence-aware:
 * {@code null} when the body leaves it out (nothing changes), {@code Optional.empty()}
 * when it is sent as {@code null} (cleared where optional), a value otherwise. snake_case
 * names of the older APIs bind too ({@code first_name}, {@code assigned_to}); wrong types
 * and unknown enum values are refused by binding (400 naming the field). Rules over
 * values (lengths, formats, ranges) are {@link LeadDraft}'s.
 */
record LeadRequest(Optional<String> firstName, Optional<String> lastName, Optional<String> name, Optional<String> email,
		Optional<String> phone, Optional<String> website, Optional<LeadEnums.WebsiteStatus> websiteStatus,
		Optional<LeadEnums.Qualifier> qualifier, Optional<LeadEnums.Source> source, Optional<LeadEnums.Status> status,
		Optional<Integer> score, Optional<Long> assignedTo, Optional<Map<String, Object>> customFields,
		@JsonProperty("_method") String method) {

	/** The body of {@code POST …/{id}/assign}: a user, or null to unassign. */
	record Assignment(Optional<Long> assignedTo) {
	}

}
