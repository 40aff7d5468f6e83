package io.leadwire.common.fields;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.leadwire.common.api.ApiResponse.FieldError;
import io.leadwire.common.api.ControlCharacters;

/**
 * The bounds of a resource's {@code customFields} (leads, contacts), the same for a JSON
 * body and a CSV import: at most {@value #MAX_FIELDS} fields; names of
 * 1–{@value #MAX_KEY} characters without {@code $} or {@code .} (MongoDB field names);
 * values strings of at most {@value #MAX_VALUE} characters, numbers or booleans.
 */
public final class CustomFields {

	public static final int MAX_FIELDS = 50;

	public static final int MAX_KEY = 64;

	public static final int MAX_VALUE = 1000;

	private CustomFields() {
	}

	/**
	 * A JSON body's custom fields, normalised (whole numbers as longs); what breaks a
	 * bound is added to {@code errors} and left out.
	 */
	public static Map<String, Object> check(Map<String, Object> value, List<FieldError> errors) {
		if (value == null) {
			return Map.of();
		}
		if (value.size() > MAX_FIELDS) {
			errors.add(new FieldError("customFields", "at most " + MAX_FIELDS + " fields"));
			return Map.of();
		}
		Map<String, Object> custom = new LinkedHashMap<>();
		for (Map.Entry<String, Object> entry : value.entrySet()) {
			String key = entry.getKey();
			Object field = entry.getValue();
			if (key.isEmpty() || key.length() > MAX_KEY || key.startsWith("$") || key.contains(".")) {
				errors.add(new FieldError("customFields." + abbreviate(key),
						"names are 1-64 characters without '$' or '.'"));
			}
			else if (field instanceof String text && text.length() <= MAX_VALUE) {
				custom.put(key, text);
			}
			else if (field instanceof Boolean flag) {
				custom.put(key, flag);
			}
			else if (field instanceof Integer || field instanceof Long) {
				custom.put(key, ((Number) field).longValue());
			}
			else if (field instanceof Number number) {
				custom.put(key, number.doubleValue());
			}
			else {
				errors.add(new FieldError("customFields." + key,
						"values are strings (up to " + MAX_VALUE + " characters), numbers or booleans"));
			}
		}
		return custom;
	}

	/**
	 * {@code custom} with a field set from CSV text (a new map when {@code custom} is not
	 * a {@link LinkedHashMap} of its own), within the same bounds as a JSON body's.
	 */
	public static Map<String, Object> put(Map<String, Object> custom, String key, String value,
			List<FieldError> errors) {
		Map<String, Object> fields = (custom instanceof LinkedHashMap) ? custom
				: new LinkedHashMap<>((custom != null) ? custom : Map.of());
		if (!fields.containsKey(key) && fields.size() >= MAX_FIELDS) {
			errors.add(new FieldError("customFields", "at most " + MAX_FIELDS + " fields"));
		}
		else if (ControlCharacters.indexIn(key) >= 0 || ControlCharacters.indexIn(value) >= 0) {
			errors.add(new FieldError("customFields." + abbreviate(key), "must not contain control characters"));
		}
		else if (value.length() > MAX_VALUE) {
			errors.add(new FieldError("customFields." + abbreviate(key),
					"values are at most " + MAX_VALUE + " characters"));
		}
		else {
			fields.put(key, value);
		}
		return fields;
	}

	private static String abbreviate(String key) {
		return (key.length() > MAX_KEY) ? key.substring(0, MAX_KEY) + "…" : key;
	}

}
