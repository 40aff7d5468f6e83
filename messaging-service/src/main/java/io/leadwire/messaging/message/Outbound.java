package io.leadwire.messaging.message;

import io.leadwire.messaging.provider.OutboundMessage;

/** A message of the send log as its provider is given it. */
public final class Outbound {

	private Outbound() {
	}

	public static OutboundMessage of(Message message, String providerSession) {
		return of(message, providerSession, null);
	}

	/**
	 * With the chat id a number check gave for the recipient, when it differs from its
	 * digits (null: the digits).
	 */
	public static OutboundMessage of(Message message, String providerSession, String chatId) {
		OutboundMessage outbound = MessageRules.outbound(message, providerSession,
				new OutboundMessage.Ref(message.tenantId(), message.environment().name(), message.id(),
						message.sessionId(), message.campaignId()));
		if (chatId == null) {
			return outbound;
		}
		return new OutboundMessage(outbound.ref(), outbound.providerSession(), outbound.to(), chatId, outbound.type(),
				outbound.text(), outbound.mediaUrl(), outbound.caption(), outbound.latitude(), outbound.longitude(),
				outbound.contactName(), outbound.contactPhone(), outbound.question(), outbound.options(),
				outbound.footer(), outbound.buttons(), outbound.title(), outbound.description(), outbound.buttonText(),
				outbound.sections(), outbound.templateName(), outbound.language(), outbound.parameters(),
				outbound.namedParameters());
	}

}
