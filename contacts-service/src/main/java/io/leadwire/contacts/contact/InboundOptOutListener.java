package io.leadwire.contacts.contact;

import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.leadwire.common.context.Environment;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.event.EventHeaders;
import io.leadwire.common.phone.InvalidPhoneNumberException;
import io.leadwire.common.phone.PhoneNumbers;
import tools.jackson.databind.ObjectMapper;

/**
 * Opt-outs from outside the API: messaging publishes {@code OptOutRequested} on
 * {@value #TOPIC} when a recipient replies STOP, and the phone goes on the tenant's
 * suppression list once per event id, however often Kafka delivers it (the inbox in
 * {@link Suppressions#optOutOnce}). Other event types on the topic are not this
 * consumer's.
 */
@Component
class InboundOptOutListener {

	private static final Set<String> READ = Set.of("OptOutRequested");

	static final String TOPIC = "messaging.events";

	private static final Logger log = LoggerFactory.getLogger(InboundOptOutListener.class);

	private final Contacts contacts;

	private final PhoneNumbers phones;

	private final ObjectMapper json;

	InboundOptOutListener(Contacts contacts, PhoneNumbers phones, ObjectMapper json) {
		this.contacts = contacts;
		this.phones = phones;
		this.json = json;
	}

	@KafkaListener(topics = TOPIC, groupId = "contacts-opt-outs")
	void on(ConsumerRecord<String, String> record) {
		if (EventHeaders.passOver(record, READ)) {
			return;
		}
		Event event = this.json.readValue(record.value(), Event.class);
		if (!"OptOutRequested".equals(event.type()) || event.eventId() == null || event.tenantId() == null
				|| event.environment() == null || event.payload() == null || event.payload().phone() == null) {
			return;
		}
		String phone;
		try {
			phone = this.phones.toE164(event.payload().phone());
		}
		catch (InvalidPhoneNumberException ex) {
			log.warn("OptOutRequested {} names no valid phone; ignored", event.eventId());
			return;
		}
		String reason = event.payload().reason();
		this.contacts.optOutFromInbound(new TenantScope(event.tenantId(), event.environment()), phone, event.eventId(),
				(reason != null && reason.length() > 500) ? reason.substring(0, 500) : reason);
	}

	/** The envelope as this consumer reads it. */
	record Event(String eventId, String type, Long tenantId, Environment environment, Payload payload) {
	}

	/** {@code OptOutRequested}'s payload: the phone, and the reply that asked. */
	record Payload(String phone, String reason) {
	}

}
