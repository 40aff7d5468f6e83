package io.leadwire.contacts.contact;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A contact as the API shows it (docs/api.md §4); ids are internal here and encoded by
 * the gateway.
 */
record ContactView(long id, String name, String phone, String email, List<Long> groupIds, boolean isFavorite,
		boolean optedOut, Map<String, Object> customFields, Instant createdAt, Instant updatedAt) {

	static ContactView of(Contact contact) {
		return new ContactView(contact.id(), contact.name(), contact.phone(), contact.email(),
				(contact.groupIds() != null) ? contact.groupIds() : List.of(), contact.favorite(), contact.optedOut(),
				(contact.customFields() != null) ? contact.customFields() : Map.of(), contact.createdAt(),
				contact.updatedAt());
	}

}
