package io.leadwire.common.phone;

/**
 * Meta's messaging-limit tiers of a WhatsApp Cloud API number (docs/deliverability.md):
 * the distinct recipients its business portfolio may reach outside a customer window in a
 * moving 24 h. Messaging-service learns them from Meta, campaign-service holds campaigns
 * to them.
 */
public final class MessagingTiers {

	private MessagingTiers() {
	}

	/**
	 * The recipients a tier allows in 24 h; null for unlimited, unknown or not a tier.
	 */
	public static Integer limitOf(String tier) {
		if (tier == null) {
			return null;
		}
		return switch (tier) {
			case "TIER_50" -> 50;
			case "TIER_250" -> 250;
			case "TIER_1K" -> 1_000;
			case "TIER_2K" -> 2_000;
			case "TIER_10K" -> 10_000;
			case "TIER_100K" -> 100_000;
			default -> null;
		};
	}

}
