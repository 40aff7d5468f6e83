package io.leadwire.leads.lead;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The lead's enumerations with their wire spellings (docs/api.md §3). Unknown values fail
 * binding (400).
 */
public final class LeadEnums {

	private LeadEnums() {
	}

	public enum WebsiteStatus {

		WORKING, NOT_WORKING, NO_WEBSITE, UNCHECKED

	}

	public enum Qualifier {

		QUALIFIED, UNQUALIFIED

	}

	public enum Source {

		WEB, REFERRAL, API, IMPORT, MANUAL;

		@JsonValue
		public String wireName() {
			return name().toLowerCase(Locale.ROOT);
		}

		@JsonCreator
		public static Source parse(String value) {
			return Source.valueOf(value.toUpperCase(Locale.ROOT));
		}

	}

	public enum Status {

		NEW, CONTACTED, QUALIFIED, UNQUALIFIED;

		@JsonValue
		public String wireName() {
			return name().toLowerCase(Locale.ROOT);
		}

		@JsonCreator
		public static Status parse(String value) {
			return Status.valueOf(value.toUpperCase(Locale.ROOT));
		}

	}

}
