package io.leadwire.contacts.contact;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A contact's writable fields after a create or a change has been checked
 * ({@link ContactRules}), with the fields the change touched (an update writes those
 * only, so concurrent changes of other fields are kept).
 */
public record ContactFields(String name, String phone, String email, List<Long> groupIds, boolean favorite,
		Map<String, Object> customFields, Set<String> touched) {

	/** A contact's current fields, touching none: the base of an update. */
	public static ContactFields of(Contact contact) {
		return new ContactFields(contact.name(), contact.phone(), contact.email(),
				(contact.groupIds() != null) ? contact.groupIds() : List.of(), contact.favorite(),
				(contact.customFields() != null) ? contact.customFields() : Map.of(), Set.of());
	}

}
