package io.leadwire.campaign.campaign;

import java.time.Instant;
import java.util.List;

/** A campaign as the API shows it (API.md §6). */
record CampaignView(long id, String name, String description, String gatewayType, long gatewaySessionId,
		RecipientSource recipientSource, List<String> customRecipients, Campaign.RecipientFilter filter,
		MessageContent messageContent, Strategy strategy, int ratePerMinute, boolean antiBanEnabled,
		Instant scheduledAt, CampaignStatus status, String pauseReason, Instant createdAt, Instant updatedAt,
		Instant launchedAt, Instant finishedAt, Campaign.Audience audience) {

	static CampaignView of(Campaign c) {
		return new CampaignView(c.id(), c.name(), c.description(), c.gatewayType(), c.gatewaySessionId(),
				c.recipientSource(), c.customRecipients(), c.filter(), c.messageContent(), c.strategy(),
				c.ratePerMinute(), c.antiBanEnabled(), c.scheduledAt(), c.status(), c.pauseReason(), c.createdAt(),
				c.updatedAt(), c.launchedAt(), c.finishedAt(), c.audience());
	}

}
