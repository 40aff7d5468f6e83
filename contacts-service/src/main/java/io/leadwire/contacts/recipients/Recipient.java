package io.leadwire.contacts.recipients;

import java.util.Map;

/**
 * One recipient: a contact of the selection, or a raw phone (with the contact that has
 * it, if any, for personalisation).
 *
 * @param phone E.164; null when {@code input} is not a phone number ({@code error} says
 * why)
 * @param optedOut the phone is on the tenant's suppression list: do not send
 * @param duplicate a raw phone already in the selection or earlier in the list: do not
 * send twice
 * @param source {@code contact} (the selection) or {@code phone} (the list)
 * @param input the raw phone as given ({@code phone} source only)
 */
record Recipient(Long contactId, String phone, String name, Map<String, Object> customFields, boolean optedOut,
		boolean duplicate, String source, String input, String error) {

	boolean sendable() {
		return this.phone != null && !this.optedOut && !this.duplicate;
	}

}
