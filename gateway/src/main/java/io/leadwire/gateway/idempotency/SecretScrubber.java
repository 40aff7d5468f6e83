package io.leadwire.gateway.idempotency;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Takes secrets out of a response before it is kept for idempotent replay: the fields a
 * service names in {@code X-Leadwire-Secret-Fields} (a key's {@code key}), and, whatever
 * the service says, any string shaped like an API key. A secret is shown once, in the
 * first response; a replay says it was withheld ({@code meta.secretsWithheld}) instead.
 */
final class SecretScrubber {

	/**
	 * The exchange attribute holding the secret field names a service declared in its
	 * {@code X-Leadwire-Secret-Fields} header (put there by the router's
	 * {@code ClientResponseHeaders}).
	 */
	static final String ATTRIBUTE = "leadwire.secretFields";

	private static final Pattern KEY_SHAPED = Pattern.compile("(?:lw|ldr|lf)_(?:live|test)_(?:sk|pk)_[A-Za-z0-9]{8,}");

	private static final byte[] WITHHELD_BODY = "{\"success\":true,\"message\":\"The first response held a secret, which is never kept: it was shown once\",\"meta\":{\"secretsWithheld\":[\"body\"]}}"
		.getBytes(java.nio.charset.StandardCharsets.UTF_8);

	private SecretScrubber() {
	}

	/** {@code body} without its secrets (the same array when it holds none). */
	static byte[] scrub(byte[] body, Set<String> declared, ObjectMapper json) {
		if (body.length == 0) {
			return body;
		}
		JsonNode tree;
		try {
			tree = json.readTree(body);
		}
		catch (JacksonException ex) {
			return KEY_SHAPED.matcher(new String(body, java.nio.charset.StandardCharsets.UTF_8)).find() ? WITHHELD_BODY
					: body;
		}
		Set<String> withheld = new TreeSet<>();
		walk(tree, "", declared, withheld);
		if (withheld.isEmpty()) {
			return body;
		}
		if (tree instanceof ObjectNode envelope) {
			envelope.put("message", "Replayed response: the secret it first carried (" + String.join(", ", withheld)
					+ ") is shown only once and never kept");
			JsonNode meta = envelope.get("meta");
			ObjectNode metaObject = (meta instanceof ObjectNode object) ? object : envelope.putObject("meta");
			ArrayNode list = metaObject.putArray("secretsWithheld");
			withheld.forEach(list::add);
		}
		return json.writeValueAsBytes(tree);
	}

	private static void walk(JsonNode node, String path, Set<String> declared, Set<String> withheld) {
		if (node instanceof ObjectNode object) {
			for (Map.Entry<String, JsonNode> field : List.copyOf(object.properties())) {
				String name = field.getKey();
				JsonNode value = field.getValue();
				String at = path.isEmpty() ? name : path + "." + name;
				if (value.isString() && (declared.contains(name) || KEY_SHAPED.matcher(value.asString()).find())) {
					object.putNull(name);
					withheld.add(at);
				}
				else {
					walk(value, at, declared, withheld);
				}
			}
		}
		else if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				JsonNode value = array.get(i);
				if (value.isString() && KEY_SHAPED.matcher(value.asString()).find()) {
					array.set(i, array.nullNode());
					withheld.add(path + "[" + i + "]");
				}
				else {
					walk(value, path + "[" + i + "]", declared, withheld);
				}
			}
		}
	}

}
