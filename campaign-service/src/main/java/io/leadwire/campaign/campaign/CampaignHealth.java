package io.leadwire.campaign.campaign;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

import io.leadwire.campaign.delivery.SessionHealth;
import io.leadwire.campaign.recipients.RecipientStore;

/**
 * A session's day for its warm-up, from the recipients of its campaigns: those sent,
 * delivered and failed within the period (by the time each got there). Read once a day
 * per warming session.
 */
@Component
class CampaignHealth implements SessionHealth {

	private final CampaignStore campaigns;

	private final RecipientStore recipients;

	CampaignHealth(CampaignStore campaigns, RecipientStore recipients) {
		this.campaigns = campaigns;
		this.recipients = recipients;
	}

	@Override
	public Tally tally(long sessionId, Instant from, Instant to) {
		List<Long> ids = this.campaigns.idsOfSession(sessionId);
		long sent = this.recipients.countAt(ids, "sentAt", from, to);
		long failed = this.recipients.countAt(ids, "failedAt", from, to);
		long delivered = this.recipients.countAt(ids, "deliveredAt", from, to);
		return new Tally(sent + failed, delivered, failed);
	}

}
