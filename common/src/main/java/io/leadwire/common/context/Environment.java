package io.leadwire.common.context;

/**
 * Live data and real sends, or the sandbox of test keys. Every query is scoped by it.
 */
public enum Environment {

	LIVE, TEST;

	public String wireName() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	public static Environment fromWireName(String value) {
		return switch (value) {
			case "live" -> LIVE;
			case "test" -> TEST;
			default -> throw new IllegalArgumentException("Unknown environment");
		};
	}

}
