package io.leadwire.messaging.number;

import java.time.Instant;

/**
 * A number check's answer (the legacy example's shape, camelCase): the phone in E.164,
 * whether it is on WhatsApp, the provider's chat id for it, {@code valid|invalid}, and
 * whether it came from the cache.
 */
record NumberCheckView(String phone, boolean isWhatsapp, String whatsappJid, String status, boolean cached,
		Instant checkedAt) {

	static NumberCheckView of(String phone, boolean exists, String chatId, Instant at, boolean cached) {
		return new NumberCheckView(phone, exists, chatId, exists ? "valid" : "invalid", cached, at);
	}

}
