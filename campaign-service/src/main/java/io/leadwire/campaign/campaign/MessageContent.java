package io.leadwire.campaign.campaign;

import java.util.List;
import java.util.Map;

/**
 * What every recipient of a campaign gets, before personalisation: a {@code type} of
 * {@link #TYPES}, its {@code text} (the caption of a media message) with
 * {@code {{variables}}}, and {@code mediaUrl} for media. {@code variables} are the
 * fallbacks of variables a recipient has no value for.
 */
record MessageContent(String type, String text, String mediaUrl, Map<String, String> variables) {

	/** The types campaigns send (GET /v1/campaigns/strategies). */
	static final List<String> TYPES = List.of("text", "image", "video", "document");

	boolean media() {
		return !this.type.equals("text");
	}

}
