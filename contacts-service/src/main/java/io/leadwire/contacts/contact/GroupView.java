package io.leadwire.contacts.contact;

import java.time.Instant;

/** A group as the API shows it, with its live contacts counted. */
record GroupView(long id, String name, String color, long contactCount, Instant createdAt, Instant updatedAt) {

	static GroupView of(ContactGroup group, long contactCount) {
		return new GroupView(group.id(), group.name(), group.color(), contactCount, group.createdAt(),
				group.updatedAt());
	}

}
