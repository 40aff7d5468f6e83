package io.leadwire.messaging.provider;

import java.util.List;

/**
 * A message as every provider is given it: validated, the recipient in E.164, the type's
 * fields only.
 *
 * @param ref which message of which tenant this is (for the sandbox's record; real
 * providers never see it)
 * @param providerSession the session's name at the provider
 * @param to E.164
 * @param chatId the provider's chat id for {@code to} when a number check gave one (WAHA
 * gives Brazilian numbers a chat id that differs from their digits), else null
 * @param templateName a template's name (Cloud), with its {@code language} and body
 * {@code parameters}
 */
public record OutboundMessage(Ref ref, String providerSession, String to, String chatId, MessageType type, String text,
		String mediaUrl, String caption, String latitude, String longitude, String contactName, String contactPhone,
		String question, List<String> options, String footer, List<String> buttons, String title, String description,
		String buttonText, List<Section> sections, String templateName, String language, List<String> parameters) {

	/** Our identity of the message. */
	public record Ref(long tenantId, String environment, long messageId, long sessionId, Long campaignId) {
	}

	/** A list message's section. */
	public record Section(String title, List<Row> rows) {
	}

	/** A list section's row. */
	public record Row(String id, String title, String description) {
	}

}
