package io.leadwire.webhooks.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.leadwire.common.id.IdAllocator;
import io.leadwire.webhooks.EventTypes;
import io.leadwire.webhooks.delivery.Deliveries;
import io.leadwire.webhooks.delivery.Dispatcher;
import io.leadwire.webhooks.delivery.WebhookMessage;
import io.leadwire.webhooks.endpoint.Endpoint;
import io.leadwire.webhooks.endpoint.Endpoints;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * Files a webhook message for every endpoint that wants an event, as the platform's
 * events arrive (the topics of {@code leadwire.webhooks.topics}). A message's id is made
 * from its endpoint and the event's id, so an event Kafka delivers again makes nothing
 * new; the offset is committed once the messages are stored. An endpoint that is disabled
 * gets its messages dead-lettered at once, so that nothing is lost while it is off: they
 * are replayed with {@code POST /v1/webhooks/endpoints/{id}/replay}.
 */
@Component
class EventIntake {

	private static final Logger log = LoggerFactory.getLogger(EventIntake.class);

	private final EventMapper mapper;

	private final Endpoints endpoints;

	private final Deliveries deliveries;

	private final Dispatcher dispatcher;

	private final ObjectMapper json;

	private final IdAllocator ids;

	EventIntake(EventMapper mapper, Endpoints endpoints, Deliveries deliveries, Dispatcher dispatcher,
			ObjectMapper json, IdAllocator ids) {
		this.ids = ids;
		this.mapper = mapper;
		this.endpoints = endpoints;
		this.deliveries = deliveries;
		this.dispatcher = dispatcher;
		this.json = json;
	}

	@KafkaListener(topics = "#{'${leadwire.webhooks.topics}'.split(',')}", groupId = "webhook-intake", batch = "true")
	void on(List<ConsumerRecord<String, String>> records, Acknowledgment ack) {
		List<EventMapper.Mapped> events = new ArrayList<>();
		List<Long> sequences = new ArrayList<>();
		for (ConsumerRecord<String, String> record : records) {
			EventMapper.Mapped mapped = read(record);
			if (mapped != null) {
				events.add(mapped);
				sequences.add(record.offset());
			}
		}
		if (!events.isEmpty()) {
			Set<Long> tenants = events.stream().map(EventMapper.Mapped::tenantId).collect(Collectors.toSet());
			List<Endpoint> subscribed = this.endpoints.ofTenants(tenants);
			List<WebhookMessage> messages = new ArrayList<>();
			Instant now = Instant.now();
			for (int i = 0; i < events.size(); i++) {
				EventMapper.Mapped event = events.get(i);
				for (Endpoint endpoint : subscribed) {
					if (endpoint.tenantId() == event.tenantId() && endpoint.environment() == event.environment()
							&& EventTypes.wants(endpoint.eventTypes(), event.type())) {
						messages.add(WebhookMessage.of(this.ids.next(), event.tenantId(), event.environment(),
								endpoint.id(), event.type(), event.eventId(), event.orderKey(), sequences.get(i),
								event.payload(), now, endpoint.enabled() ? null : "endpoint_disabled"));
					}
				}
			}
			if (this.deliveries.enqueue(messages) > 0) {
				this.dispatcher.nudge();
			}
		}
		ack.acknowledge();
	}

	private EventMapper.Mapped read(ConsumerRecord<String, String> record) {
		if (record.value() == null) {
			return null;
		}
		try {
			return this.mapper.map(this.json.readValue(record.value(), EventMapper.Envelope.class));
		}
		catch (JacksonException ex) {
			log.warn("Event at {}-{}@{} is not an event envelope; passed over", record.topic(), record.partition(),
					record.offset());
			return null;
		}
	}

}
