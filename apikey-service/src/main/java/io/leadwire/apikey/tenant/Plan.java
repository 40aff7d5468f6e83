package io.leadwire.apikey.tenant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A tenant's plan and its default limits (docs/api.md §1). A key may lower them, never
 * raise them.
 */
public enum Plan {

	FREE(10, 10, 500), STARTER(60, 30, 10_000), PROFESSIONAL(200, 100, 50_000), ENTERPRISE(1_000, 500, 500_000);

	/** The documented floor of a key's own limits. */
	public static final int MIN_PER_MINUTE = 10;

	public static final int MIN_PER_DAY = 500;

	private final int perMinute;

	private final int burst;

	private final int perDay;

	Plan(int perMinute, int burst, int perDay) {
		this.perMinute = perMinute;
		this.burst = burst;
		this.perDay = perDay;
	}

	public int perMinute() {
		return this.perMinute;
	}

	public int burst() {
		return this.burst;
	}

	public int perDay() {
		return this.perDay;
	}

	@JsonValue
	public String wireName() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	@JsonCreator
	public static Plan fromWireName(String value) {
		for (Plan plan : values()) {
			if (plan.wireName().equals(value)) {
				return plan;
			}
		}
		throw new IllegalArgumentException("Unknown plan");
	}

}
