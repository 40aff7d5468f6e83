package io.leadwire.common.openapi;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.web.util.HtmlUtils;

import io.leadwire.common.json.SnakeCaseAliases;

/**
 * What the public contract (API.md §1) says about every operation, added to the document
 * springdoc reads from the controllers:
 * <ul>
 * <li>ids are the public 16–17 character strings the gateway shows, never the internal
 * numbers the controllers see ({@code leadwire.ids.fields}, {@code id}, and path
 * variables {@code {id}}/{@code {…Id}}, exactly the fields the gateway rewrites);</li>
 * <li>every error is the envelope with a machine {@code code};</li>
 * <li>request bodies carry the seeds' examples;</li>
 * <li>an operation without Javadoc still gets a summary.</li>
 * </ul>
 */
public class PublicApiDocumentation implements OpenApiCustomizer {

	private final Set<String> idFields;

	private final SeedExamples examples;

	PublicApiDocumentation(List<String> idFields, SeedExamples examples) {
		this.idFields = new HashSet<>();
		for (String field : idFields) {
			// The older APIs' snake_case spelling of each, as the gateway reads them.
			this.idFields.add(field);
			this.idFields.add(SnakeCaseAliases.snakeCase(field));
		}
		this.idFields.add("id");
		this.examples = examples;
	}

	@Override
	public void customise(OpenAPI api) {
		ErrorEnvelope.register(api.getComponents());
		PublicIds.register(api.getComponents());
		if (api.getComponents().getSchemas() != null) {
			api.getComponents().getSchemas().values().forEach(this::publicIds);
			// A success's envelope never has code or errors (they are left out when
			// null):
			// the Error schema documents them.
			api.getComponents().getSchemas().forEach((name, schema) -> {
				if (name.startsWith("ApiResponse") && schema.getProperties() != null) {
					schema.getProperties().remove("code");
					schema.getProperties().remove("errors");
				}
			});
		}
		if (api.getPaths() == null) {
			return;
		}
		api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			document(path, method, operation);
		}));
	}

	private void document(String path, PathItem.HttpMethod method, Operation operation) {
		if (operation.getParameters() != null) {
			for (Parameter parameter : operation.getParameters()) {
				boolean pathId = "path".equals(parameter.getIn())
						&& (parameter.getName().equals("id") || parameter.getName().endsWith("Id"));
				if (pathId || (isId(parameter.getName()) && isInteger(parameter.getSchema()))) {
					parameter.setSchema(isArray(parameter.getSchema()) ? PublicIds.list() : PublicIds.one());
				}
			}
		}
		// A summary is a short line beside the path: the Javadoc's first sentence when it
		// is
		// one, else the method's name in words ("Bulk assign group"); the Javadoc stays
		// the
		// description either way.
		String javadoc = (operation.getSummary() != null) ? plainText(operation.getSummary()) : "";
		if (operation.getDescription() == null && !javadoc.isEmpty()) {
			operation.setDescription(javadoc);
		}
		boolean shortLine = !javadoc.isEmpty() && javadoc.length() <= 90 && !javadoc.contains("{");
		operation.setSummary(shortLine ? javadoc : summary(operation.getOperationId(), path));
		ErrorEnvelope.addResponses(method, path, operation);
		Map<String, Object> named = this.examples.of(method.name(), path);
		if (!named.isEmpty() && operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
			MediaType json = operation.getRequestBody().getContent().get("application/json");
			if (json != null) {
				named.forEach((name, value) -> json.addExamples(name, new Example().summary(name).value(value)));
			}
		}
	}

	/**
	 * Rewrites the schema's id properties (and those of its inline parts) as public ids.
	 */
	@SuppressWarnings("rawtypes")
	private void publicIds(Schema<?> schema) {
		if (schema == null || schema.getProperties() == null) {
			return;
		}
		Map<String, Schema> properties = schema.getProperties();
		for (Map.Entry<String, Schema> property : properties.entrySet()) {
			Schema<?> value = property.getValue();
			if (isId(property.getKey()) && isInteger(value)) {
				property.setValue(isArray(value) ? PublicIds.list() : PublicIds.one());
			}
			else {
				publicIds(value);
				if (value instanceof ArraySchema array) {
					publicIds(array.getItems());
				}
			}
		}
	}

	boolean isId(String name) {
		return this.idFields.contains(name);
	}

	private static boolean isInteger(Schema<?> schema) {
		if (schema == null) {
			return false;
		}
		if (isArray(schema)) {
			return isInteger(schema.getItems());
		}
		return "integer".equals(schema.getType());
	}

	private static boolean isArray(Schema<?> schema) {
		return schema != null && "array".equals(schema.getType());
	}

	static String plainText(String html) {
		String text = html.replaceAll("\\{@(?:code|link|value) ([^}]*)}", "$1").replaceAll("<[^>]+>", "");
		return HtmlUtils.htmlUnescape(text).replaceAll("\\s+", " ").trim();
	}

	/**
	 * "List contacts", "Get a group", "Update a lead": from the method and the resource.
	 */
	static String summary(String operationId, String path) {
		String action = humanized(operationId, "");
		List<String> literals = java.util.Arrays.stream(path.split("/"))
			.filter((segment) -> !segment.isEmpty() && !segment.startsWith("{") && !segment.equals("v1"))
			.toList();
		if (literals.isEmpty() || action.isEmpty()) {
			return action.isEmpty() ? path : action;
		}
		String plural = literals.get(literals.size() - 1).replace('-', ' ');
		if (literals.size() > 1 && action.toLowerCase(java.util.Locale.ROOT).startsWith(plural.split(" ")[0])) {
			// An older API's verb path (/contacts/create): the resource is the segment
			// before.
			plural = literals.get(literals.size() - 2).replace('-', ' ');
		}
		String one = plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural;
		String article = "aeio".indexOf(one.charAt(0)) >= 0 ? "an " : "a ";
		return switch (action) {
			case "List" -> "List " + plural;
			case "Create", "Start", "Get", "Delete" -> action + " " + article + one;
			case "Put", "Update" -> "Update " + article + one;
			case "Patch" -> "Update some fields of " + article + one;
			default -> action;
		};
	}

	/**
	 * {@code bulkAssign_1} → "Bulk assign": the controller method's name, for a summary.
	 */
	static String humanized(String operationId, String otherwise) {
		if (operationId == null || operationId.isBlank()) {
			return otherwise;
		}
		String words = operationId.replaceAll("_\\d+$", "").replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase();
		return Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

}
