package io.leadwire.webhooks;

import java.time.Instant;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A webhook's body, as the Standard Webhooks specification recommends it: {@code {"type":
 * …, "timestamp": …, "data": {…}}}; {@code data} carries public ids and, as
 * {@code environment}, whether the event is live or test data.
 */
public final class Payloads {

	private Payloads() {
	}

	public static String render(ObjectMapper json, String type, Instant at, ObjectNode data) {
		ObjectNode body = json.createObjectNode();
		body.put("type", type);
		body.put("timestamp", at.toString());
		body.set("data", data);
		return json.writeValueAsString(body);
	}

}
