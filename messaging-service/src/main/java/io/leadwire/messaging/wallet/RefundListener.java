package io.leadwire.messaging.wallet;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

import io.leadwire.common.context.Environment;
import io.leadwire.common.event.EventHeaders;
import tools.jackson.databind.ObjectMapper;

/**
 * Refunds failed messages: reads {@code MessageFailed} on {@code message.status} (whoever
 * failed it: the dispatcher, a WAHA ERROR ack, a Cloud {@code failed} status) and gives
 * its cost back once ({@link Wallets#refund}); redeliveries change nothing.
 */
@Component
class RefundListener {

	private final Wallets wallets;

	private final ObjectMapper json;

	RefundListener(Wallets wallets, ObjectMapper json) {
		this.wallets = wallets;
		this.json = json;
	}

	@KafkaListener(topics = "message.status", groupId = "messaging-refunds")
	void on(ConsumerRecord<String, String> record, Acknowledgment ack) {
		// Three of every four status events are not failures: they are not parsed (by
		// their type header; a record from before the headers, by a scan of its value).
		String type = EventHeaders.get(record, EventHeaders.TYPE);
		String value = record.value();
		if ((type != null) ? !"MessageFailed".equals(type) : !value.contains("\"MessageFailed\"")) {
			ack.acknowledge();
			return;
		}
		Event event = this.json.readValue(value, Event.class);
		if ("MessageFailed".equals(event.type()) && event.tenantId() != null && event.payload() != null) {
			this.wallets.refund(event.tenantId(), event.environment(), event.payload().messageId());
		}
		ack.acknowledge();
	}

	record Event(String type, Long tenantId, Environment environment, Payload payload) {
	}

	record Payload(long messageId) {
	}

}
