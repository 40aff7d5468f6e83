package io.leadwire.common.importing;

import java.util.Locale;

import io.leadwire.common.api.ApiException;

/**
 * What an import does with a row that an existing resource already has (same phone, or
 * email for leads).
 */
public enum ImportMode {

	/** Leave the existing resource as it is; the row counts as skipped. */
	SKIP,

	/** Write the row's non-empty cells onto the existing resource. */
	UPDATE;

	public static ImportMode parse(String value) {
		if (value == null || value.isBlank()) {
			return SKIP;
		}
		try {
			return valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.validation("mode", "must be skip or update");
		}
	}

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
