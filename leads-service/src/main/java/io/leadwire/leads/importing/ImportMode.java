package io.leadwire.leads.importing;

import java.util.Locale;

import io.leadwire.common.api.ApiException;

/**
 * What an import does with a row whose phone or email an existing lead already has.
 */
public enum ImportMode {

	/** Leave the existing lead as it is; the row counts as skipped. */
	SKIP,

	/** Write the row's non-empty cells onto the existing lead. */
	UPDATE;

	static ImportMode parse(String value) {
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

	String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
