package io.leadwire.campaign.delivery;

import java.time.ZoneId;

/**
 * The rules in force for a campaign: its window (null: always open), the session's daily
 * cap (null: none), the zone its day is counted in, and the tenant's frequency cap per
 * recipient (null: none); whether a new WAHA number warms up, and (once {@link Delivery}
 * read it) the warm-up in force, whose allowance bounds the day; and Meta's messaging
 * limit of a Cloud number.
 */
public record Effective(SendingWindow window, Integer dailyCap, ZoneId zone, FrequencyCap frequencyCap,
		boolean warmUpOn, WarmUp warmUp, MetaLimit metaLimit) {

	/**
	 * Meta's messaging limit of a Cloud number (null: none known, or unlimited): at most
	 * {@code limit} distinct recipients in a moving 24 h, counted under {@code key} (the
	 * business account's numbers together).
	 */
	public record MetaLimit(String tier, int limit, String key) {
	}

	/** The day's cap: the session's, bounded by its warm-up's allowance. */
	public Integer dayLimit() {
		Integer allowance = (this.warmUp != null) ? this.warmUp.allowance() : null;
		if (allowance == null) {
			return this.dailyCap;
		}
		return (this.dailyCap == null) ? allowance : Math.min(this.dailyCap, allowance);
	}

	Effective with(WarmUp current) {
		return new Effective(this.window, this.dailyCap, this.zone, this.frequencyCap, this.warmUpOn, current,
				this.metaLimit);
	}

	Effective with(MetaLimit limit) {
		return new Effective(this.window, this.dailyCap, this.zone, this.frequencyCap, this.warmUpOn, this.warmUp,
				limit);
	}

}
