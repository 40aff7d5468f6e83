package io.leadwire.webhooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The event types an endpoint may subscribe to, with what each means (docs/webhooks.md,
 * "Event types"; {@code GET /v1/webhooks/event-types}).
 */
public final class EventTypes {

	public static final String MESSAGE_STATUS = "message.status";

	public static final String MESSAGE_INBOUND = "message.inbound";

	public static final String SESSION_STATUS = "session.status";

	public static final String CAMPAIGN_STATUS = "campaign.status";

	public static final String CONTACT_OPTED_OUT = "contact.opted_out";

	public static final String CONTACT_OPTED_IN = "contact.opted_in";

	public static final String IMPORT_COMPLETED = "import.completed";

	public static final String LEAD_VERIFIED = "lead.verified";

	public static final String ENDPOINT_DISABLED = "webhook.endpoint_disabled";

	/**
	 * Sent by {@code POST /v1/webhooks/endpoints/{id}/test} only; never subscribed to.
	 */
	public static final String TEST = "webhook.test";

	public static final Map<String, String> CATALOGUE;

	static {
		Map<String, String> types = new LinkedHashMap<>();
		types.put(MESSAGE_STATUS, "A message was sent, delivered, read or failed.");
		types.put(MESSAGE_INBOUND, "A WhatsApp message was received on one of your sessions.");
		types.put(SESSION_STATUS, "A session's status changed (e.g. connected, failed, deleted).");
		types.put(CAMPAIGN_STATUS, "A campaign was launched, paused, resumed, completed, cancelled or failed.");
		types.put(CONTACT_OPTED_OUT, "A phone was opted out (through the API or a STOP reply).");
		types.put(CONTACT_OPTED_IN, "A phone was opted back in.");
		types.put(IMPORT_COMPLETED, "A leads or contacts CSV import finished.");
		types.put(LEAD_VERIFIED, "A lead's website was checked by a verification batch.");
		types.put(ENDPOINT_DISABLED, "One of your webhook endpoints was disabled after failing for too long.");
		CATALOGUE = java.util.Collections.unmodifiableMap(types);
	}

	private EventTypes() {
	}

	/** Whether an endpoint may subscribe to {@code type}. */
	public static boolean known(String type) {
		return CATALOGUE.containsKey(type);
	}

	/**
	 * Whether an endpoint subscribed to {@code subscribed} (none: all) wants
	 * {@code type}.
	 */
	public static boolean wants(List<String> subscribed, String type) {
		return subscribed == null || subscribed.isEmpty() || subscribed.contains(type) || TEST.equals(type);
	}

}
