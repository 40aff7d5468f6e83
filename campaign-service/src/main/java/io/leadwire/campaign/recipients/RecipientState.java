package io.leadwire.campaign.recipients;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;

/**
 * Where a frozen recipient is: {@code pending} (to be handed to messaging), then
 * {@code sending} (handed over, its outcome awaited) and {@code sent} or {@code failed};
 * or {@code skipped} at freeze time with its reason ({@code opted_out}, {@code invalid}).
 * A message messaging dropped unsent because its campaign was cancelled puts its
 * recipient back to {@code pending}. Stored by its lower-case name, as every recipient
 * written before this enum existed.
 */
public enum RecipientState {

	PENDING, SENDING, SENT, FAILED, SKIPPED;

	/** The stored and published name. */
	@JsonValue
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The state of a stored name. */
	public static RecipientState of(String wireName) {
		return valueOf(wireName.toUpperCase(Locale.ROOT));
	}

	/** Writes a state by its lower-case name. */
	@WritingConverter
	public static final class Writer implements Converter<RecipientState, String> {

		@Override
		public String convert(RecipientState state) {
			return state.wireName();
		}

	}

	/** Reads a state from its lower-case name. */
	@ReadingConverter
	public static final class Reader implements Converter<String, RecipientState> {

		@Override
		public RecipientState convert(String name) {
			return of(name);
		}

	}

}
