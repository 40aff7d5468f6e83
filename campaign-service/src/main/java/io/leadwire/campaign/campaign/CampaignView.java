package io.leadwire.campaign.campaign;

import java.time.Instant;
import java.util.List;

/**
 * A campaign as the API shows it (docs/api.md §6), with its {@link Pace}: the rate it
 * will really send at and, when the recipients are known, how long that takes; its own
 * sending window, and (one campaign read alone) what it waits for.
 */
record CampaignView(long id, String name, String description, String gatewayType, long gatewaySessionId,
		RecipientSource recipientSource, List<String> customRecipients, Campaign.RecipientFilter filter,
		MessageContent messageContent, Strategy strategy, int ratePerMinute, boolean antiBanEnabled,
		Instant scheduledAt, CampaignStatus status, String pauseReason, Instant createdAt, Instant updatedAt,
		Instant launchedAt, Instant finishedAt, Campaign.Audience audience, Pace pace,
		io.leadwire.campaign.delivery.SendingWindow sendingWindow, Waits.Waiting waiting) {

	/** Without the count of what remains (lists: no query per campaign). */
	static CampaignView of(Campaign c) {
		return of(c, null);
	}

	/**
	 * With {@code remaining}: the launched campaign's recipients still to send (or null).
	 */
	static CampaignView of(Campaign c, Long remaining) {
		return of(c, remaining, null);
	}

	/**
	 * With {@code waiting}: what the launched campaign waits for (its recipients outside
	 * their window, the session's daily cap).
	 */
	static CampaignView of(Campaign c, Long remaining, Waits.Waiting waiting) {
		return new CampaignView(c.id(), c.name(), c.description(), c.gatewayType(), c.gatewaySessionId(),
				c.recipientSource(), c.customRecipients(), c.filter(), c.messageContent(), c.strategy(),
				c.ratePerMinute(), c.antiBanEnabled(), c.scheduledAt(), c.status(), c.pauseReason(), c.createdAt(),
				c.updatedAt(), c.launchedAt(), c.finishedAt(), c.audience(), Pace.of(c, remaining, Instant.now()),
				c.sendingWindow(), waiting);
	}

	/**
	 * How fast the campaign really sends. {@code effectivePerMinute} is the campaign's
	 * rate bounded by its session's ({@code sessionPerMinute}, as last read: at create,
	 * edit and launch; a burst sends at the session's), less the anti-ban breaks (3 gaps
	 * after every 20 messages: 20/23 of the rate); {@code limitedBy} says which bound
	 * applies ({@code session} when the session is slower than the campaign asks). With
	 * the recipients still to send ({@code remaining}: a phone list's size before launch,
	 * what is pending or in flight once launched), {@code estimatedSeconds} and, for a
	 * running or scheduled campaign, {@code estimatedFinishAt}.
	 */
	record Pace(int requestedPerMinute, Integer sessionPerMinute, double effectivePerMinute, String limitedBy,
			Long remaining, Long estimatedSeconds, Instant estimatedFinishAt) {

		static Pace of(Campaign c, Long launchedRemaining, Instant now) {
			Integer session = c.sessionRatePerMinute();
			boolean burst = c.strategy() == Strategy.BURST;
			int requested = c.ratePerMinute();
			boolean bySession = session != null && (burst || session < requested);
			double rate = bySession ? session : requested;
			if (c.antiBanEnabled() && !burst) {
				rate = rate * SessionLanes.BREAK_EVERY / (SessionLanes.BREAK_EVERY + SessionLanes.BREAK_GAPS);
			}
			rate = Math.round(rate * 10) / 10.0;
			Long remaining = remaining(c, launchedRemaining);
			Long seconds = (remaining != null && rate > 0) ? (long) Math.ceil(remaining * 60.0 / rate) : null;
			Instant finish = null;
			if (seconds != null && c.status() == CampaignStatus.RUNNING) {
				finish = now.plusSeconds(seconds);
			}
			else if (seconds != null && c.status() == CampaignStatus.SCHEDULED && c.scheduledAt() != null) {
				finish = c.scheduledAt().plusSeconds(seconds);
			}
			return new Pace(requested, session, rate, bySession ? "session" : "campaign", remaining, seconds, finish);
		}

		private static Long remaining(Campaign c, Long launchedRemaining) {
			if (c.status() == CampaignStatus.COMPLETED || c.status() == CampaignStatus.CANCELLED
					|| c.status() == CampaignStatus.FAILED) {
				return 0L;
			}
			if (launchedRemaining != null) {
				return launchedRemaining;
			}
			boolean list = c.recipientSource() != null && c.recipientSource().phoneList();
			// A phone list's size until its recipients are frozen (an upper bound:
			// duplicates
			// and opt-outs are left out then).
			return (list && c.customRecipients() != null && !c.frozen()) ? (long) c.customRecipients().size() : null;
		}

	}

}
