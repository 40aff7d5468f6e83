package io.leadwire.messaging.provider;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * What Meta says about a Cloud API number (docs/deliverability.md, "Meta's tiers"): its
 * quality rating ({@code GREEN}, {@code YELLOW}, {@code RED} or {@code UNKNOWN}), its
 * business portfolio's messaging limit — unique recipients outside a customer window in a
 * moving 24 h — as Meta names the tier ({@code TIER_250}, {@code TIER_2K},
 * {@code TIER_10K}, {@code TIER_100K}, {@code TIER_UNLIMITED}; null while not known), and
 * its throughput level ({@code STANDARD}: 80 messages a second; {@code HIGH}: 1,000).
 * Read from Meta when the number is connected and kept current from its webhooks; a
 * sandbox session playing a Cloud number has one once a test simulates it.
 */
public record NumberHealth(String qualityRating, String messagingLimitTier, String throughput, Instant updatedAt) {

	/** Meta's default throughput per number, messages a second. */
	public static final int STANDARD_PER_SECOND = 80;

	/** Meta's throughput once a number is upgraded, messages a second. */
	public static final int HIGH_PER_SECOND = 1_000;

	/** A number just connected, before Meta told anything. */
	public static NumberHealth unknown(Instant at) {
		return new NumberHealth("UNKNOWN", null, "STANDARD", at);
	}

	/** The same facts (when they were learnt aside). */
	public boolean sameAs(NumberHealth other) {
		return other != null && Objects.equals(this.qualityRating, other.qualityRating)
				&& Objects.equals(this.messagingLimitTier, other.messagingLimitTier)
				&& Objects.equals(this.throughput, other.throughput);
	}

	public NumberHealth withQuality(String quality, Instant at) {
		return new NumberHealth(quality, this.messagingLimitTier, this.throughput, at);
	}

	public NumberHealth withTier(String tier, Instant at) {
		return new NumberHealth(this.qualityRating, tier, this.throughput, at);
	}

	public NumberHealth withThroughput(String level, Instant at) {
		return new NumberHealth(this.qualityRating, this.messagingLimitTier, level, at);
	}

	/** Messages a second Meta lets the number send. */
	public int perSecond() {
		return "HIGH".equals(this.throughput) ? HIGH_PER_SECOND : STANDARD_PER_SECOND;
	}

	/** The messaging limit as a number of recipients; null when unlimited or unknown. */
	public Integer messagingLimit() {
		return limitOf(this.messagingLimitTier);
	}

	/**
	 * The recipients a tier allows in 24 h; null for unlimited, unknown or not a tier.
	 */
	public static Integer limitOf(String tier) {
		return io.leadwire.common.phone.MessagingTiers.limitOf(tier);
	}

	/**
	 * Meta's tier for what a webhook or the Graph API says: a tier name
	 * ({@code TIER_2K}), or a number of recipients ({@code 2000}; {@code -1}: unlimited);
	 * null for anything else ({@code TIER_NOT_SET} included: the number keeps what it
	 * had).
	 */
	public static String tier(Object value) {
		if (value instanceof Number number) {
			long limit = number.longValue();
			if (limit < 0) {
				return "TIER_UNLIMITED";
			}
			return switch ((int) Math.min(limit, Integer.MAX_VALUE)) {
				case 50 -> "TIER_50";
				case 250 -> "TIER_250";
				case 1_000 -> "TIER_1K";
				case 2_000 -> "TIER_2K";
				case 10_000 -> "TIER_10K";
				case 100_000 -> "TIER_100K";
				default -> null;
			};
		}
		if (value instanceof String text) {
			String tier = text.strip().toUpperCase(Locale.ROOT);
			if (tier.matches("-?\\d{1,9}")) {
				return tier(Long.parseLong(tier));
			}
			return (tier.equals("TIER_UNLIMITED") || limitOf(tier) != null) ? tier : null;
		}
		return null;
	}

	/** A quality rating as Meta names it, or null if {@code value} is not one. */
	public static String quality(String value) {
		if (value == null) {
			return null;
		}
		String quality = value.strip().toUpperCase(Locale.ROOT);
		return switch (quality) {
			case "GREEN", "YELLOW", "RED", "UNKNOWN" -> quality;
			// The Graph API's older names.
			case "HIGH" -> "GREEN";
			case "MEDIUM" -> "YELLOW";
			case "LOW" -> "RED";
			default -> null;
		};
	}

}
