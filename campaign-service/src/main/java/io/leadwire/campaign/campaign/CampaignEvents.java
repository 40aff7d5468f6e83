package io.leadwire.campaign.campaign;

import io.leadwire.campaign.recipients.CampaignRecipient;
import io.leadwire.common.event.EventEnvelope;
import io.leadwire.common.outbox.OutboxEvent;
import tools.jackson.databind.ObjectMapper;

/**
 * What campaigns publish: {@code MessageDispatchRequested} on {@value #DISPATCH}, keyed
 * by the WhatsApp session (one consumer of messaging owns a session's sends), with the
 * recipient's frozen message.
 */
final class CampaignEvents {

	static final String DISPATCH = "campaign.dispatch";

	private CampaignEvents() {
	}

	static OutboxEvent dispatch(Campaign campaign, CampaignRecipient recipient, ObjectMapper json) {
		return OutboxEvent.of(DISPATCH, Long.toString(campaign.gatewaySessionId()),
				EventEnvelope.of("MessageDispatchRequested", campaign.tenantId(), campaign.environment(), null,
						new Dispatch(campaign.gatewaySessionId(), campaign.id(), recipient.id(), recipient.phone(),
								campaign.messageContent().type(), recipient.text(), recipient.mediaUrl())),
				json);
	}

	/** A recipient's message, as messaging-service reads it. */
	record Dispatch(long sessionId, long campaignId, String recipientId, String to, String type, String text,
			String mediaUrl) {
	}

}
