package io.leadwire.common.event;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Record headers that let a consumer pass over an event without parsing its value
 * (docs/architecture.md, "Events"): {@value #TYPE}, the envelope's type, and
 * {@value #CAMPAIGN}, the campaign a message belongs to ({@value #NO_CAMPAIGN} for a
 * single send). A record written before the headers existed has none: consumers parse it
 * as before.
 */
public final class EventHeaders {

	public static final String TYPE = "leadwire-event-type";

	public static final String CAMPAIGN = "leadwire-campaign";

	public static final String NO_CAMPAIGN = "none";

	private EventHeaders() {
	}

	/** The header's last value, or null when the record has none. */
	public static String get(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
