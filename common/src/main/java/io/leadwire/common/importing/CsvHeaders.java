package io.leadwire.common.importing;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

import io.leadwire.common.api.ApiResponse.FieldError;
import io.leadwire.common.fields.CustomFields;

/**
 * The reading of a header row every import shares: names compared without case, spaces,
 * dashes or underscores ({@code "First Name"}, {@code first_name} and {@code FIRSTNAME}
 * are one name), a leading byte-order mark ignored, known names mapped to the service's
 * columns, and the rest kept as custom-field names (the header text, at most
 * {@value CustomFields#MAX_KEY} characters, {@code $} and {@code .} replaced by
 * {@code _}); a repeated custom name, or more custom columns than a resource has custom
 * fields, is an error naming it. Which names are known, and which columns are required,
 * is the service's.
 *
 * @param <C> the service's column type
 * @param width the header's number of columns
 * @param columns the known column at each position, or null
 * @param customNames the custom field at each position, or null
 */
public record CsvHeaders<C>(int width, C[] columns, String[] customNames) {

	/** Reads {@code names} against {@code known}; errors are added to {@code errors}. */
	public static <C> CsvHeaders<C> read(List<String> names, Map<String, C> known, IntFunction<C[]> array,
			List<FieldError> errors) {
		C[] columns = array.apply(names.size());
		String[] customNames = new String[names.size()];
		Set<String> seenCustom = new HashSet<>();
		for (int i = 0; i < names.size(); i++) {
			String raw = names.get(i).strip();
			if (i == 0 && !raw.isEmpty() && raw.charAt(0) == '\uFEFF') {
				raw = raw.substring(1).strip();
			}
			if (raw.isEmpty()) {
				continue;
			}
			C column = known.get(normalise(raw));
			if (column != null) {
				columns[i] = column;
				continue;
			}
			String custom = raw.replace('$', '_').replace('.', '_');
			custom = (custom.length() > CustomFields.MAX_KEY) ? custom.substring(0, CustomFields.MAX_KEY) : custom;
			if (!seenCustom.add(custom)) {
				errors.add(new FieldError("file", "column " + (i + 1) + " repeats the header '" + custom + "'"));
			}
			customNames[i] = custom;
		}
		if (seenCustom.size() > CustomFields.MAX_FIELDS) {
			errors.add(new FieldError("file", "at most " + CustomFields.MAX_FIELDS
					+ " columns can become custom fields; this file has " + seenCustom.size()));
		}
		return new CsvHeaders<>(names.size(), columns, customNames);
	}

	/** Whether a column of the header is {@code column}. */
	public boolean has(C column) {
		for (C each : this.columns) {
			if (column.equals(each)) {
				return true;
			}
		}
		return false;
	}

	/** Letters and digits only, lower case: the form names are matched in. */
	public static String normalise(String name) {
		StringBuilder out = new StringBuilder(name.length());
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (Character.isLetterOrDigit(c)) {
				out.append(Character.toLowerCase(c));
			}
		}
		return out.toString();
	}

}
