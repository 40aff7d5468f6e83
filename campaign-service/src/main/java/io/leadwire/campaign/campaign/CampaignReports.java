package io.leadwire.campaign.campaign;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Service;

import io.leadwire.campaign.recipients.CampaignRecipient;
import io.leadwire.campaign.recipients.RecipientState;
import io.leadwire.campaign.recipients.RecipientStore;
import io.leadwire.common.api.ApiException;

/**
 * Analytics and the recipient list of a campaign, counted from its frozen recipients
 * (whose statuses only move forward, once per event), never from counters: {@code total}
 * recipients to send to; {@code sent} every one the provider accepted (delivered and read
 * ones too), {@code delivered} including read, {@code read}, {@code failed};
 * {@code pending = total − sent − failed}; rates over the attempted messages (see
 * {@link Analytics}) in percent to one decimal. With {@code period=24h|7d}, {@code sent},
 * {@code delivered}, {@code read} and {@code failed} count what happened in that period;
 * {@code total} and {@code pending} stay the campaign's.
 */
@Service
class CampaignReports {

	private final RecipientStore recipients;

	private final Waits waits;

	CampaignReports(RecipientStore recipients, Waits waits) {
		this.waits = waits;
		this.recipients = recipients;
	}

	Analytics analytics(Campaign campaign, String period) {
		Instant since = switch ((period == null || period.isBlank()) ? "all" : period.strip()) {
			case "all" -> null;
			case "24h" -> Instant.now().minus(Duration.ofHours(24));
			case "7d" -> Instant.now().minus(Duration.ofDays(7));
			default -> throw ApiException.validation("period", "all, 24h or 7d");
		};
		RecipientStore.Tally t = this.recipients.tally(campaign.id(), since);
		long attempted = t.sent() + t.failed();
		return new Analytics(t.total(), t.sent(), t.delivered(), t.read(), t.failed(),
				Math.max(0, t.total() - t.sentAll() - t.failedAll()), attempted, percent(t.delivered(), attempted),
				percent(t.read(), t.delivered()), percent(t.failed(), attempted),
				(t.failedAll() > 0) ? this.recipients.failureReasons(campaign.id()) : java.util.Map.of(),
				this.recipients.skipped(campaign.id(), SessionLanes.FREQUENCY_CAP), this.waits.of(campaign));
	}

	/**
	 * A page of recipients in campaign order after {@code afterSeq}, by status if given.
	 */
	List<CampaignRecipient> recipients(Campaign campaign, String status, Long afterSeq, int limit) {
		RecipientState state = null;
		Integer minRank = null;
		if (status != null && !status.isBlank()) {
			switch (status.strip()) {
				case "pending", "sending", "failed", "skipped" -> state = RecipientState.of(status.strip());
				case "sent" -> minRank = 1;
				case "delivered" -> minRank = 2;
				case "read" -> minRank = 3;
				default -> throw ApiException.validation("status",
						"pending, sending, sent, delivered, read, failed or skipped");
			}
		}
		return this.recipients.page(campaign.id(), state, minRank, afterSeq, limit);
	}

	private static double percent(long part, long whole) {
		if (whole == 0) {
			return 0.0;
		}
		return BigDecimal.valueOf(part * 100.0 / whole).setScale(1, RoundingMode.HALF_UP).doubleValue();
	}

	/**
	 * docs/api.md §6's analytics. Rates are over the messages attempted ({@code attempted
	 * = sent + failed}: those the provider took and those that failed), so failures lower
	 * the delivery rate: {@code deliveryRate = delivered / attempted}, {@code failureRate
	 * = failed / attempted}; {@code readRate = read / delivered}. {@code failureReasons}:
	 * the campaign's failures by plain reason, most first. {@code frequencyCapped}: the
	 * recipients the tenant's frequency cap skipped (not in {@code total});
	 * {@code waiting}: what a launched campaign waits for (docs/deliverability.md).
	 */
	record Analytics(long total, long sent, long delivered, long read, long failed, long pending, long attempted,
			double deliveryRate, double readRate, double failureRate, java.util.Map<String, Long> failureReasons,
			long frequencyCapped, Waits.Waiting waiting) {
	}

}
