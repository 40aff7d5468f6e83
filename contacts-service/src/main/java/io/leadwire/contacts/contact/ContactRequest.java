package io.leadwire.contacts.contact;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A contact's writable fields as a client sends them, for create, {@code PUT},
 * {@code PATCH}, {@code POST …/{id}} with {@code _method} and the older RPC forms
 * ({@code /contacts/create}, {@code /contacts/update} with the contact's {@code id} in
 * the body). Presence-aware: a field left out is {@code null} (unchanged), sent as
 * {@code null} it is {@code Optional.empty()} (cleared where optional). snake_case names
 * bind too ({@code group_id}, {@code group_ids}, {@code is_favorite}); {@code groupId}
 * (the older API's one group) adds to {@code groupIds}. Rules over values are
 * {@link ContactRules}'.
 */
record ContactRequest(Long id, Optional<String> name, Optional<String> phone, Optional<String> email,
		Optional<List<Long>> groupIds, Optional<Long> groupId, Optional<Boolean> isFavorite,
		Optional<Map<String, Object>> customFields, @JsonProperty("_method") String method) {

	/** The body of the RPC forms that name one resource: {@code {"id": …}}. */
	record ById(Long id) {
	}

}
