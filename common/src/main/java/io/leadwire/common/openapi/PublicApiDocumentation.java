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
 * What the public contract (docs/api.md §1) says about every operation, added to the
 * document springdoc reads from the controllers:
 * <ul>
 * <li>ids are the public 16–17 character strings the gateway shows, never the internal
 * numbers the controllers see ({@code leadwire.ids.fields}, {@code id}, and path
 * variables {@code {id}}/{@code {…Id}}, exactly the fields the gateway rewrites);</li>
 * <li>every error is the envelope with a machine {@code code};</li>
 * <li>request bodies carry the legacy examples (docs/api.md);</li>
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
		if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
			api.getComponents().getSchemas().values().forEach(PublicApiDocumentation::describe);
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
		operation.setDescription(markdown(operation.getDescription()));
		if (operation.getParameters() != null) {
			operation.getParameters()
				.forEach((parameter) -> parameter.setDescription(markdown(parameter.getDescription())));
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

	/** A schema's description and its properties' as Markdown, inline parts too. */
	@SuppressWarnings("rawtypes")
	private static void describe(Schema<?> schema) {
		if (schema == null) {
			return;
		}
		schema.setDescription(markdown(schema.getDescription()));
		if (schema.getProperties() != null) {
			for (Schema property : schema.getProperties().values()) {
				describe(property);
			}
		}
		describe(schema.getItems());
	}

	/**
	 * Javadoc as the reference shows it: {@code {@code x}} as code, a link as its label
	 * (else the member or class it names, never a package), {@code {@value}} dropped,
	 * paragraphs and list items as Markdown, other tags and entities resolved. A reader
	 * of the reference never sees a raw Javadoc tag.
	 */
	static String markdown(String javadoc) {
		if (javadoc == null || javadoc.isBlank()) {
			return javadoc;
		}
		StringBuilder out = new StringBuilder(javadoc.length());
		int at = 0;
		int tag;
		while ((tag = javadoc.indexOf("{@", at)) >= 0) {
			out.append(javadoc, at, tag);
			int nameEnd = tag + 2;
			while (nameEnd < javadoc.length() && Character.isLetter(javadoc.charAt(nameEnd))) {
				nameEnd++;
			}
			// The tag's body runs to its closing brace, nested braces included.
			int depth = 1;
			int end = nameEnd;
			while (end < javadoc.length() && depth > 0) {
				char c = javadoc.charAt(end);
				depth += (c == '{') ? 1 : (c == '}') ? -1 : 0;
				end++;
			}
			String kind = javadoc.substring(tag + 2, nameEnd);
			String body = javadoc.substring(nameEnd, (depth == 0) ? end - 1 : end).trim();
			out.append(switch (kind) {
				case "code", "literal" -> "`" + body + "`";
				case "value" -> "";
				default -> linkText(body);
			});
			at = end;
		}
		out.append(javadoc.substring(at));
		String text = out.toString()
			.replaceAll("(?i)<p>\\s*", "\n\n")
			.replaceAll("(?i)</p>", "")
			.replaceAll("(?i)<li>\\s*", "\n- ")
			.replaceAll("(?i)</?(ul|ol|li)>", "\n")
			.replaceAll("(?i)<br\\s*/?>", "\n")
			.replaceAll("<[^>]+>", "");
		text = HtmlUtils.htmlUnescape(text);
		return text.replaceAll("[ \t]*\n[ \t]*", "\n").replaceAll("\n{3,}", "\n\n").trim();
	}

	/** {@code Foo#bar(int) the label} → "the label"; {@code Foo#bar} → "bar". */
	static String linkText(String body) {
		int space = body.indexOf(' ');
		int paren = body.indexOf('(');
		// The reference ends at its closing bracket when it names a method, else at the
		// first space; what follows is the label.
		int end = (paren >= 0 && (space < 0 || paren < space)) ? body.indexOf(')', paren) + 1
				: ((space < 0) ? body.length() : space);
		if (end <= 0) {
			end = body.length();
		}
		String label = body.substring(end).trim();
		if (!label.isEmpty()) {
			return label;
		}
		String target = body.substring(0, end);
		String name = target.contains("#") ? target.substring(target.indexOf('#') + 1) : target;
		if (name.indexOf('(') >= 0) {
			name = name.substring(0, name.indexOf('('));
		}
		return name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
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
