package io.leadwire.campaign.campaign;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a campaign's recipients come from: phone lists ({@code manual}, {@code csv}: the
 * numbers in {@code customRecipients}), contacts ({@code groups}: {@code filter.groupIds}
 * and {@code filter.contactIds}) or leads ({@code leads}: {@code filter.leadStatus}).
 */
enum RecipientSource {

	CSV, GROUPS, MANUAL, LEADS;

	@JsonValue
	String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	boolean phoneList() {
		return this == CSV || this == MANUAL;
	}

	@JsonCreator
	static RecipientSource parse(String value) {
		if (value == null) {
			return null;
		}
		for (RecipientSource source : values()) {
			if (source.wireName().equals(value.strip().toLowerCase(Locale.ROOT))) {
				return source;
			}
		}
		throw new IllegalArgumentException("one of csv, groups, manual, leads");
	}

}
