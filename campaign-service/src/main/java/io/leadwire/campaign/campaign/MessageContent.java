package io.leadwire.campaign.campaign;

import java.util.List;
import java.util.Map;

/**
 * What every recipient of a campaign gets, before personalisation: a {@code type} of
 * {@link #TYPES}, its {@code text} (the caption of a media message) with
 * {@code {{variables}}}, and {@code mediaUrl} for media. {@code variables} are the
 * fallbacks of variables a recipient has no value for. A {@code template} names the
 * tenant's message template ({@code templateId}); its name, language and body are copied
 * in when the campaign is written (the body is then the text).
 */
record MessageContent(String type, String text, String mediaUrl, Map<String, String> variables, Long templateId,
		String templateName, String language) {

	/** The types campaigns send (GET /v1/campaigns/strategies). */
	static final List<String> TYPES = List.of("text", "image", "video", "document", "template");

	boolean media() {
		return !this.type.equals("text") && !template();
	}

	/** A message template (docs/templates.md): its body is the text, its variables. */
	boolean template() {
		return this.type.equals("template");
	}

	/** This content as the template {@code templateId} makes it (its body the text). */
	MessageContent withTemplate(String name, String language, String body) {
		return new MessageContent(this.type, body, null, this.variables, this.templateId, name, language);
	}

}
