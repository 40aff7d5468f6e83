package io.leadwire.campaign.campaign;

import java.time.Instant;

import io.leadwire.campaign.recipients.CampaignRecipient;
import io.leadwire.common.event.EventEnvelope;
import io.leadwire.common.outbox.OutboxEvent;
import tools.jackson.databind.ObjectMapper;

/**
 * What campaigns publish: {@code MessageDispatchRequested} on {@value #DISPATCH}, keyed
 * by the WhatsApp session, with the recipient's frozen message and the time the
 * campaign's pace lets it go ({@code notBefore}: messaging's lane of the session waits
 * for it); {@code CampaignRunChanged} on {@value #CONTROL}, keyed by campaign, whenever a
 * launched campaign is paused, resumed or cancelled, with its version (messaging holds,
 * lets go or drops the campaign's queued messages); {@code CampaignStatusChanged} on
 * {@value #EVENTS} for every change of status.
 */
final class CampaignEvents {

	static final String DISPATCH = "campaign.dispatch";

	static final String CONTROL = "campaign.control";

	static final String EVENTS = "campaign.events";

	/**
	 * The error messaging gives a message it dropped because its campaign was cancelled:
	 * the recipient was not sent to.
	 */
	static final String CANCELLED = "campaign_cancelled";

	private CampaignEvents() {
	}

	static OutboxEvent dispatch(Campaign campaign, CampaignRecipient recipient, Instant notBefore, ObjectMapper json) {
		return OutboxEvent.of(DISPATCH, Long.toString(campaign.gatewaySessionId()),
				EventEnvelope.of("MessageDispatchRequested", campaign.tenantId(), campaign.environment(), null,
						new Dispatch(campaign.gatewaySessionId(), campaign.id(), recipient.id(), recipient.phone(),
								campaign.messageContent().type(), recipient.text(), recipient.mediaUrl(), notBefore,
								campaign.messageContent().templateName(), campaign.messageContent().language(),
								recipient.parameters())),
				json);
	}

	/**
	 * The campaign's run after a move to {@code status} that makes it {@code version}.
	 */
	static Campaign.Event control(Campaign campaign, CampaignStatus status, long version) {
		return new Campaign.Event(CONTROL, Long.toString(campaign.id()), EventEnvelope.of("CampaignRunChanged",
				campaign.tenantId(), campaign.environment(), null,
				new Control(campaign.id(), campaign.gatewaySessionId(), status.wireName(), version, Instant.now())));
	}

	/**
	 * {@code CampaignStatusChanged} on {@value #EVENTS}, keyed by campaign, for every
	 * change of a campaign's status (tenants' webhooks: {@code campaign.status}), with
	 * its reason when it paused or failed.
	 */
	static Campaign.Event statusChanged(Campaign campaign, Campaign.Transition transition, Instant at) {
		Object reason = transition.sets().get("pauseReason");
		return new Campaign.Event(EVENTS, Long.toString(campaign.id()),
				EventEnvelope.of("CampaignStatusChanged", campaign.tenantId(), campaign.environment(), null,
						new StatusChanged(campaign.id(), campaign.name(), transition.to().wireName(),
								campaign.status().wireName(), (reason != null) ? reason.toString() : null,
								campaign.version() + 1, at)));
	}

	/** A campaign's new status, the one before, and why (paused, failed). */
	record StatusChanged(long campaignId, String name, String status, String previousStatus, String reason,
			long version, Instant at) {
	}

	/**
	 * A recipient's message, as messaging-service reads it; a template's also with its
	 * name, language and the recipient's values of its variables ({@code parameters}).
	 */
	record Dispatch(long sessionId, long campaignId, String recipientId, String to, String type, String text,
			String mediaUrl, Instant notBefore, String templateName, String language,
			java.util.Map<String, String> parameters) {
	}

	/** A campaign's run, as messaging-service reads it. */
	record Control(long campaignId, long sessionId, String status, long version, Instant at) {
	}

}
