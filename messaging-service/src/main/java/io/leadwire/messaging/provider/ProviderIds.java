package io.leadwire.messaging.provider;

/**
 * How acks find their message: by the unique part of the provider's message id
 * (PROVIDERS.md: WAHA's ids are {@code {fromMe}_{chatId}_{id}[_participant]} and its send
 * response may be empty; a Cloud id is {@code wamid.…}), scoped by our session.
 */
public final class ProviderIds {

	private ProviderIds() {
	}

	/** {@code <sessionId>:<unique part>}, or null when the provider gave no id. */
	public static String ref(long sessionId, String providerId) {
		String key = uniquePart(providerId);
		return (key != null) ? sessionId + ":" + key : null;
	}

	/** The {@code id} segment of a WAHA serialized id, or the id itself. */
	public static String uniquePart(String providerId) {
		if (providerId == null || providerId.isBlank()) {
			return null;
		}
		String[] parts = providerId.split("_");
		if (parts.length >= 3 && (parts[0].equals("true") || parts[0].equals("false"))) {
			return parts[2];
		}
		return providerId;
	}

}
