package io.leadwire.messaging.provider;

import java.util.Locale;

/**
 * The ten message types of docs/api.md §5 and the LeadFlux seed, and {@code template}: a
 * message template approved by Meta, the only kind a Cloud session may send outside the
 * customer service window.
 */
public enum MessageType {

	TEXT, IMAGE, VIDEO, DOCUMENT, STICKER, LOCATION, CONTACT, POLL, BUTTONS, LIST, TEMPLATE;

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The type a request names, or null when it names none of them. */
	public static MessageType parse(String value) {
		if (value == null) {
			return null;
		}
		try {
			return valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
