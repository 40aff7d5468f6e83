package io.leadwire.campaign.campaign;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a campaign spreads its sends (docs/campaign-service.md "Pacing"). */
enum Strategy {

	SEQUENTIAL("Sequential", "Send one by one, in recipient order, at even spacing"),
	RANDOM("Random", "Randomized order and delays, at the same average rate"),
	BURST("Burst", "As fast as the provider allows, for small lists");

	private final String title;

	private final String description;

	Strategy(String title, String description) {
		this.title = title;
		this.description = description;
	}

	@JsonValue
	String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	String title() {
		return this.title;
	}

	String description() {
		return this.description;
	}

	@JsonCreator
	static Strategy parse(String value) {
		if (value == null) {
			return null;
		}
		for (Strategy strategy : values()) {
			if (strategy.wireName().equals(value.strip().toLowerCase(Locale.ROOT))) {
				return strategy;
			}
		}
		throw new IllegalArgumentException("one of sequential, random, burst");
	}

}
