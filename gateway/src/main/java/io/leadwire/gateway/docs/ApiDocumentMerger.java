package io.leadwire.gateway.docs;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpMethod;

import io.leadwire.gateway.docs.ApiReference.ServiceDocument;
import io.leadwire.gateway.scopes.RouteScopes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Merges the services' documents into the gateway's base document
 * ({@code docs/openapi-base.json}: info, security schemes, shared headers, the gateway's
 * own operations). Each operation is tagged with its route's tag (the base's
 * {@code x-leadwire-route}), its id is prefixed with the route's so ids stay unique, and
 * it lists the headers every call may send and names the scope a key needs for it
 * ({@link RouteScopes}: {@code x-required-scope} and a line of its description). A schema
 * two services name alike but shape differently is renamed for the later one.
 */
final class ApiDocumentMerger {

	private static final String SCHEMAS = "#/components/schemas/";

	private final JsonNode base;

	private final RouteScopes scopes = new RouteScopes();

	ApiDocumentMerger(JsonNode base) {
		this.base = base;
	}

	ObjectNode merge(List<ServiceDocument> documents) {
		ObjectNode out = (ObjectNode) this.base.deepCopy();
		ObjectNode paths = (ObjectNode) out.get("paths");
		ObjectNode schemas = out.withObject("/components").withObject("schemas");
		for (ServiceDocument service : documents) {
			Map<String, String> renamed = new HashMap<>();
			service.document().path("components").path("schemas").properties().forEach((schema) -> {
				JsonNode existing = schemas.get(schema.getKey());
				if (existing != null && !existing.equals(schema.getValue())) {
					renamed.put(schema.getKey(), prefix(service.routeId()) + schema.getKey());
				}
			});
			JsonNode document = renamed.isEmpty() ? service.document()
					: renameRefs(service.document().deepCopy(), renamed);
			document.path("components")
				.path("schemas")
				.properties()
				.forEach((schema) -> schemas.set(renamed.getOrDefault(schema.getKey(), schema.getKey()),
						schema.getValue()));
			String tag = tagOf(service.routeId());
			document.path("paths").properties().forEach((path) -> {
				if (!service.routes(path.getKey())) {
					return;
				}
				ObjectNode item = (ObjectNode) paths.get(path.getKey());
				if (item == null) {
					item = paths.putObject(path.getKey());
				}
				ObjectNode target = item;
				path.getValue().properties().forEach((operation) -> {
					ObjectNode copy = (ObjectNode) operation.getValue().deepCopy();
					publicOperation(service.routeId(), tag, path.getKey(), operation.getKey(), copy);
					target.set(operation.getKey(), copy);
				});
			});
		}
		out.remove("x-leadwire-shared-parameters");
		return out;
	}

	private void publicOperation(String routeId, String tag, String path, String method, ObjectNode operation) {
		operation.set("tags", operation.arrayNode().add(tag));
		operation.put("operationId", routeId + "_" + operation.path("operationId").asString(method));
		if (path.startsWith("/v1/webhooks/waha") || path.startsWith("/v1/webhooks/cloud")) {
			// Provider webhooks: no API key, an HMAC signature instead.
			operation.set("security", operation.arrayNode());
			return;
		}
		String scope = this.scopes.required(HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)), path);
		String needs = (scope == null) ? "a key without scopes"
				: scope.isEmpty() ? "none (every key)" : "`" + scope + "`";
		operation.put("x-required-scope", (scope == null) ? "unrestricted" : scope.isEmpty() ? "none" : scope);
		String description = operation.path("description").asString("");
		operation.put("description", (description.isEmpty() ? "" : description + "\n\n") + "**Scope:** " + needs);
		ArrayNode parameters = operation.withArray("parameters");
		for (JsonNode shared : this.base.path("x-leadwire-shared-parameters").path(method)) {
			parameters.add(operation.objectNode().put("$ref", shared.asString()));
		}
	}

	private String tagOf(String routeId) {
		for (JsonNode tag : this.base.path("tags")) {
			if (tag.path("x-leadwire-route").asString("").equals(routeId)) {
				return tag.path("name").asString();
			}
		}
		return routeId;
	}

	private static String prefix(String routeId) {
		return Character.toUpperCase(routeId.charAt(0)) + routeId.substring(1);
	}

	private static JsonNode renameRefs(JsonNode node, Map<String, String> renamed) {
		if (node instanceof ObjectNode object) {
			for (String key : List.copyOf(object.propertyNames())) {
				JsonNode value = object.get(key);
				if (key.equals("$ref") && value.isString() && value.asString().startsWith(SCHEMAS)) {
					String name = value.asString().substring(SCHEMAS.length());
					if (renamed.containsKey(name)) {
						object.set(key, StringNode.valueOf(SCHEMAS + renamed.get(name)));
					}
				}
				else {
					renameRefs(value, renamed);
				}
			}
		}
		else if (node instanceof ArrayNode array) {
			array.forEach((element) -> renameRefs(element, renamed));
		}
		return node;
	}

}
