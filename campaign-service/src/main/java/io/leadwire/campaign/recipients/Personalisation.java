package io.leadwire.campaign.recipients;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a campaign's {@code {{variables}}} for one recipient, when its recipients are
 * frozen: {@code {{name}}} (also {@code first_name}, the name's first word),
 * {@code {{phone}}} and any custom field of the recipient's contact ({@code {{tier}}} or
 * {@code {{customFields.tier}}}). A variable the recipient has no value for takes the
 * campaign's fallback ({@code messageContent.variables}), else nothing: a message never
 * shows a raw {@code {{…}}} to its reader. Spaces inside the braces are ignored; names
 * are case-sensitive.
 */
public final class Personalisation {

	private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*}}");

	private Personalisation() {
	}

	/** The variables {@code template} names, in order, each once. */
	public static java.util.Set<String> variables(String template) {
		java.util.Set<String> names = new java.util.LinkedHashSet<>();
		if (template != null && template.contains("{{")) {
			Matcher matcher = VARIABLE.matcher(template);
			while (matcher.find()) {
				names.add(matcher.group(1));
			}
		}
		return names;
	}

	/**
	 * Whether a recipient with this name, phone and custom fields has a value for
	 * {@code variable}.
	 */
	public static boolean fills(String variable, String name, String phone, Map<String, Object> customFields) {
		String value = value(variable, name, phone, customFields);
		return value != null && !value.isBlank();
	}

	/**
	 * Each variable of {@code template} with the recipient's value (or its fallback, or
	 * empty), in order of appearance: a message template's named parameters.
	 */
	public static Map<String, String> values(String template, String name, String phone,
			Map<String, Object> customFields, Map<String, String> fallbacks) {
		Map<String, String> values = new java.util.LinkedHashMap<>();
		if (template == null) {
			return values;
		}
		Matcher matcher = VARIABLE.matcher(template);
		while (matcher.find()) {
			String variable = matcher.group(1);
			String value = value(variable, name, phone, customFields);
			if (value == null || value.isBlank()) {
				value = (fallbacks != null) ? fallbacks.getOrDefault(variable, "") : "";
			}
			values.putIfAbsent(variable, value);
		}
		return values;
	}

	public static String fill(String template, String name, String phone, Map<String, Object> customFields,
			Map<String, String> fallbacks) {
		if (template == null || !template.contains("{{")) {
			return template;
		}
		Matcher matcher = VARIABLE.matcher(template);
		StringBuilder out = new StringBuilder(template.length() + 32);
		while (matcher.find()) {
			String variable = matcher.group(1);
			String value = value(variable, name, phone, customFields);
			if (value == null || value.isBlank()) {
				value = (fallbacks != null) ? fallbacks.getOrDefault(variable, "") : "";
			}
			matcher.appendReplacement(out, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	private static String value(String variable, String name, String phone, Map<String, Object> customFields) {
		switch (variable) {
			case "name" -> {
				return name;
			}
			case "first_name", "firstName" -> {
				return (name != null && !name.isBlank()) ? name.strip().split("\\s+")[0] : null;
			}
			case "phone" -> {
				return phone;
			}
			default -> {
				String field = variable.startsWith("customFields.") ? variable.substring("customFields.".length())
						: variable;
				Object value = (customFields != null) ? customFields.get(field) : null;
				return (value != null) ? String.valueOf(value) : null;
			}
		}
	}

}
