package io.leadwire.common.event;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.leadwire.common.context.Environment;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Record headers that let a consumer pass over an event without parsing its value
 * (docs/architecture.md, "Events"): every event carries {@value #TYPE}, the envelope's
 * type, and, when the envelope has them, {@value #TENANT} and {@value #ENVIRONMENT} (the
 * envelope's tenant id and {@code LIVE}/{@code TEST}); message events also carry
 * {@value #CAMPAIGN}, the campaign a message belongs to ({@value #NO_CAMPAIGN} for a
 * single send). A record written before the headers existed has none: consumers parse it
 * as before. The headers only decide whether to read a value; what is read is the
 * envelope's.
 */
public final class EventHeaders {

	public static final String TYPE = "leadwire-event-type";

	public static final String TENANT = "leadwire-tenant";

	public static final String ENVIRONMENT = "leadwire-environment";

	public static final String CAMPAIGN = "leadwire-campaign";

	public static final String NO_CAMPAIGN = "none";

	private EventHeaders() {
	}

	/** The headers every event carries: its type, tenant and environment. */
	public static Map<String, String> of(EventEnvelope<?> envelope) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (envelope.type() != null) {
			headers.put(TYPE, envelope.type());
		}
		if (envelope.tenantId() != null) {
			headers.put(TENANT, envelope.tenantId().toString());
		}
		if (envelope.environment() != null) {
			headers.put(ENVIRONMENT, envelope.environment().name());
		}
		return headers.isEmpty() ? null : Collections.unmodifiableMap(headers);
	}

	/** The tenant header's id, or null when the record has none (or not a number). */
	public static Long tenant(ConsumerRecord<?, ?> record) {
		String value = get(record, TENANT);
		if (value == null) {
			return null;
		}
		try {
			return Long.valueOf(value);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** The environment header's value, or null when the record has none (or another). */
	public static Environment environment(ConsumerRecord<?, ?> record) {
		String value = get(record, ENVIRONMENT);
		if (value == null) {
			return null;
		}
		return switch (value) {
			case "LIVE" -> Environment.LIVE;
			case "TEST" -> Environment.TEST;
			default -> null;
		};
	}

	/**
	 * Whether a consumer that reads only {@code types} may pass over the record unparsed:
	 * its type header names another type. A record without the header is not passed over
	 * (its value says).
	 */
	public static boolean passOver(ConsumerRecord<?, ?> record, Set<String> types) {
		String type = get(record, TYPE);
		return type != null && !types.contains(type);
	}

	/** The header's last value, or null when the record has none. */
	public static String get(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
