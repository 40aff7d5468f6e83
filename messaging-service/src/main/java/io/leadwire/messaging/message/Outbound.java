package io.leadwire.messaging.message;

import io.leadwire.messaging.provider.OutboundMessage;

/** A message of the send log as its provider is given it. */
public final class Outbound {

	private Outbound() {
	}

	public static OutboundMessage of(Message message, String providerSession) {
		return MessageRules.outbound(message, providerSession, new OutboundMessage.Ref(message.tenantId(),
				message.environment().name(), message.id(), message.sessionId(), message.campaignId()));
	}

}
