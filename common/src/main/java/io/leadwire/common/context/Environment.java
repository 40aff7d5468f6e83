package io.leadwire.common.context;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Live data and real sends, or the sandbox of test keys. Every query is scoped by it.
 */
public enum Environment {

	LIVE, TEST;

	@JsonValue
	public String wireName() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	/** {@code live} or {@code test}; upper case is accepted too. */
	@JsonCreator
	public static Environment fromWireName(String value) {
		return switch ((value == null) ? "" : value.toLowerCase(java.util.Locale.ROOT)) {
			case "live" -> LIVE;
			case "test" -> TEST;
			default -> throw new IllegalArgumentException("Unknown environment");
		};
	}

}
