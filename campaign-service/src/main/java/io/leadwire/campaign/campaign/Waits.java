package io.leadwire.campaign.campaign;

import java.time.Instant;

import org.springframework.stereotype.Component;

import io.leadwire.campaign.delivery.Delivery;
import io.leadwire.campaign.delivery.Effective;
import io.leadwire.campaign.recipients.RecipientStore;

/**
 * What a launched campaign waits for (docs/deliverability.md): its recipients outside
 * their sending window and when the first of them may go, its session's daily cap (the
 * day's use and, once reached, when the next day begins), and its Cloud number's
 * messaging limit.
 */
@Component
class Waits {

	private final Delivery delivery;

	private final RecipientStore recipients;

	Waits(Delivery delivery, RecipientStore recipients) {
		this.delivery = delivery;
		this.recipients = recipients;
	}

	/** Null for a campaign that is not launched or whose recipients are not frozen. */
	Waiting of(Campaign campaign) {
		if (!campaign.launched() || !campaign.frozen()) {
			return null;
		}
		Instant now = this.delivery.clock().instant();
		Effective rules = this.delivery.rules(campaign.scope(), campaign.gatewaySessionId(), campaign.sendingWindow());
		RecipientStore.Held held = this.recipients.held(campaign.id(), now);
		DailyCap cap = null;
		Integer limit = rules.dayLimit();
		if (limit != null) {
			long used = this.delivery.usedToday(campaign.gatewaySessionId(), rules, now);
			boolean reached = used >= limit;
			boolean warmUp = rules.dailyCap() == null || limit < rules.dailyCap();
			cap = new DailyCap(limit, used, reached, reached ? this.delivery.nextDay(rules, now) : null,
					warmUp ? "warm_up" : "daily_cap");
		}
		MessagingLimit messagingLimit = null;
		Effective.MetaLimit meta = rules.metaLimit();
		if (meta != null) {
			long used = this.delivery.limitUsed(meta, now);
			boolean reached = used >= meta.limit();
			messagingLimit = new MessagingLimit(meta.tier(), meta.limit(), used, reached,
					reached ? this.delivery.limitRoomAt(meta, now) : null);
		}
		return new Waiting(held.count(), held.until(), cap, messagingLimit);
	}

	/**
	 * {@code outsideWindow} recipients wait for their sending window, the first until
	 * {@code windowOpensAt}; {@code dailyCap}: the session's cap, null without one.
	 */
	record Waiting(long outsideWindow, Instant windowOpensAt, DailyCap dailyCap, MessagingLimit messagingLimit) {
	}

	/**
	 * Meta's messaging limit of the session's Cloud number (null: none known): its tier,
	 * the distinct recipients it allows in a moving 24 h, how many the number's account
	 * was handed in the last 24 h, and, once reached, when the first of them leaves the
	 * count ({@code resumesAt}: the campaign goes on then).
	 */
	record MessagingLimit(String tier, int limit, long usedLast24h, boolean reached, Instant resumesAt) {
	}

	/**
	 * The session's limit of campaign messages today, how many it was handed, when a
	 * campaign that reached it goes on ({@code resumesAt}, the next day's start), and
	 * what sets the limit ({@code daily_cap}, or {@code warm_up}: a warming number's
	 * allowance).
	 */
	record DailyCap(int limit, long usedToday, boolean reached, Instant resumesAt, String limitedBy) {
	}

}
