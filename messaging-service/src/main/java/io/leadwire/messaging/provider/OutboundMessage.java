package io.leadwire.messaging.provider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
		String buttonText, List<Section> sections, String templateName, String language, List<String> parameters,
		java.util.Map<String, String> namedParameters) {

	/** A message without named template parameters. */
	public OutboundMessage(Ref ref, String providerSession, String to, String chatId, MessageType type, String text,
			String mediaUrl, String caption, String latitude, String longitude, String contactName, String contactPhone,
			String question, List<String> options, String footer, List<String> buttons, String title,
			String description, String buttonText, List<Section> sections, String templateName, String language,
			List<String> parameters) {
		this(ref, providerSession, to, chatId, type, text, mediaUrl, caption, latitude, longitude, contactName,
				contactPhone, question, options, footer, buttons, title, description, buttonText, sections,
				templateName, language, parameters, null);
	}

	/** Our identity of the message. */
	public record Ref(long tenantId, String environment, long messageId, long sessionId, Long campaignId) {
	}

	/** A list message's section. */
	public record Section(String title, List<Row> rows) {

		/**
		 * The sections as a provider's payload: each {@code {title, rows}}, each row
		 * {@code {<idKey>, title, description?}} (WAHA names a row's id {@code rowId},
		 * the Cloud API {@code id}).
		 */
		public static List<Map<String, Object>> payload(List<Section> sections, String idKey) {
			List<Map<String, Object>> out = new ArrayList<>();
			for (Section section : sections) {
				List<Map<String, Object>> rows = new ArrayList<>();
				for (Row row : section.rows()) {
					Map<String, Object> item = new LinkedHashMap<>();
					item.put(idKey, row.id());
					item.put("title", row.title());
					if (row.description() != null) {
						item.put("description", row.description());
					}
					rows.add(item);
				}
				out.add(Map.of("title", section.title(), "rows", rows));
			}
			return out;
		}

	}

	/** A list section's row. */
	public record Row(String id, String title, String description) {
	}

}
