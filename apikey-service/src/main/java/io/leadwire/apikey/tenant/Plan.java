package io.leadwire.apikey.tenant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A tenant's plan; its rate limits are the gateway's configuration (API.md §1).
 */
public enum Plan {

	FREE, STARTER, PROFESSIONAL, ENTERPRISE;

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
