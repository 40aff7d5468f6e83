package io.leadwire.contacts.recipients;

import java.util.List;

/**
 * Who a campaign is sent to, as campaign-service asks (docs/contacts-recipients.md): the
 * contacts of {@code groupIds} and {@code contactIds} (the selection), and raw
 * {@code phones} (manual or CSV lists, at most {@value Recipients#MAX_PHONES} per call;
 * read in {@code region} when written without a country code). {@code cursor} and
 * {@code limit} page a resolution.
 */
record RecipientQuery(List<Long> groupIds, List<Long> contactIds, List<String> phones, String region, String cursor,
		Integer limit) {

	List<Long> groups() {
		return (this.groupIds != null) ? this.groupIds : List.of();
	}

	List<Long> contacts() {
		return (this.contactIds != null) ? this.contactIds : List.of();
	}

	List<String> rawPhones() {
		return (this.phones != null) ? this.phones : List.of();
	}

	boolean hasSelection() {
		return !groups().isEmpty() || !contacts().isEmpty();
	}

}
