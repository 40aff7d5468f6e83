package io.leadwire.messaging.session;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.leadwire.messaging.provider.Capabilities;
import io.leadwire.messaging.provider.MessageType;

/**
 * A session as the API shows it: its live status and, while it waits for a scan, the QR
 * code as a base64 PNG; its provider's capabilities. Its secrets never.
 */
record SessionView(long id, String name, String provider, String status, String qrCode, String phone, int ratePerMinute,
		CapabilitiesView capabilities, HealthView numberHealth, Instant createdAt) {

	static SessionView of(Session session, String status, String qrCode, String phone, Capabilities capabilities,
			boolean customerWindow) {
		return new SessionView(session.id(), session.name(), session.provider(), status, qrCode, phone,
				session.ratePerMinute(), CapabilitiesView.of(capabilities, customerWindow),
				HealthView.of(session.health()), session.createdAt());
	}

	/**
	 * What Meta says of a Cloud number (null for other sessions): its quality rating, its
	 * messaging limit (the tier as Meta names it and as a number of recipients in a
	 * moving 24 h, null when unlimited or not known), its throughput level and what it
	 * allows a second, and when it was last told.
	 */
	record HealthView(String qualityRating, String messagingLimitTier, Integer messagingLimit, String throughput,
			int throughputPerSecond, Instant updatedAt) {

		static HealthView of(io.leadwire.messaging.provider.NumberHealth health) {
			return (health == null) ? null : new HealthView(health.qualityRating(), health.messagingLimitTier(),
					health.messagingLimit(), health.throughput(), health.perSecond(), health.updatedAt());
		}

	}

	/**
	 * The types it sends, those it cannot with why, number checks, its rate limit, and
	 * whether Meta's customer window holds its campaigns to approved templates.
	 */
	record CapabilitiesView(List<String> messageTypes, Map<String, String> unsupported, boolean numberChecks,
			int maxPerMinute, boolean customerWindow) {

		static CapabilitiesView of(Capabilities capabilities, boolean customerWindow) {
			List<String> types = java.util.Arrays.stream(MessageType.values())
				.filter(capabilities::sends)
				.map(MessageType::wireName)
				.toList();
			Map<String, String> unsupported = new java.util.TreeMap<>();
			capabilities.unsupported().forEach((type, reason) -> unsupported.put(type.wireName(), reason));
			return new CapabilitiesView(types, unsupported, capabilities.numberChecks(), capabilities.maxPerMinute(),
					customerWindow);
		}

	}

}
