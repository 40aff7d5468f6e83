package io.leadwire.common.json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Timestamps as the older APIs send them (docs/api.md §1): ISO 8601 with a zone or
 * offset, and also {@code yyyy-MM-dd HH:mm:ss}, {@code yyyy-MM-ddTHH:mm:ss} or
 * {@code yyyy-MM-dd}, read as UTC. Anything else is a 400 naming the field.
 */
final class LenientInstantDeserializer extends StdScalarDeserializer<Instant> {

	private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss][.SSS]");

	LenientInstantDeserializer() {
		super(Instant.class);
	}

	@Override
	public Instant deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
		if (!parser.hasToken(JsonToken.VALUE_STRING)) {
			return (Instant) context.handleUnexpectedToken(Instant.class, parser);
		}
		String text = parser.getString().trim();
		Instant instant = parse(text);
		if (instant == null) {
			throw context.weirdStringException(text, Instant.class,
					"expected ISO 8601 (2026-02-08T12:00:00Z) or yyyy-MM-dd HH:mm:ss (UTC)");
		}
		return instant;
	}

	static Instant parse(String text) {
		try {
			if (text.length() == 10) {
				return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			if (text.length() > 10 && text.charAt(10) == ' ') {
				return LocalDateTime.parse(text, SPACED).toInstant(ZoneOffset.UTC);
			}
			if (text.endsWith("Z") || text.endsWith("z")) {
				return Instant.parse(text.toUpperCase(java.util.Locale.ROOT));
			}
			if (text.length() > 19
					&& (text.charAt(text.length() - 6) == '+' || text.charAt(text.length() - 6) == '-')) {
				return OffsetDateTime.parse(text).toInstant();
			}
			return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
