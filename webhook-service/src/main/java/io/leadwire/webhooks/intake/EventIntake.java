package io.leadwire.webhooks.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.leadwire.common.context.Environment;
import io.leadwire.common.event.EventHeaders;
import io.leadwire.common.id.IdAllocator;
import io.leadwire.webhooks.EventTypes;
import io.leadwire.webhooks.delivery.Deliveries;
import io.leadwire.webhooks.delivery.Dispatcher;
import io.leadwire.webhooks.delivery.WebhookMessage;
import io.leadwire.webhooks.endpoint.Endpoint;
import io.leadwire.webhooks.endpoint.Endpoints;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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

	private final Counter parsed;

	private final Counter passedOver;

	EventIntake(EventMapper mapper, Endpoints endpoints, Deliveries deliveries, Dispatcher dispatcher,
			ObjectMapper json, IdAllocator ids, MeterRegistry meters) {
		this.ids = ids;
		this.parsed = meters.counter("leadwire.webhooks.intake.events", "outcome", "parsed");
		this.passedOver = meters.counter("leadwire.webhooks.intake.events", "outcome", "passed_over");
		this.mapper = mapper;
		this.endpoints = endpoints;
		this.deliveries = deliveries;
		this.dispatcher = dispatcher;
		this.json = json;
	}

	@KafkaListener(topics = "#{'${leadwire.webhooks.topics}'.split(',')}", groupId = "webhook-intake", batch = "true")
	void on(List<ConsumerRecord<String, String>> records, Acknowledgment ack) {
		List<Candidate> candidates = new ArrayList<>(records.size());
		Set<Long> tenants = new HashSet<>();
		for (ConsumerRecord<String, String> record : records) {
			Candidate candidate = candidate(record);
			if (candidate != null) {
				candidates.add(candidate);
				tenants.add(candidate.tenantId());
			}
		}
		if (!candidates.isEmpty()) {
			List<Endpoint> subscribed = this.endpoints.ofTenants(tenants);
			List<WebhookMessage> messages = new ArrayList<>();
			Instant now = Instant.now();
			for (Candidate candidate : candidates) {
				if (!wanted(subscribed, candidate.tenantId(), candidate.environment(), candidate.type())) {
					this.passedOver.increment();
					continue;
				}
				EventMapper.Mapped event = (candidate.read() != null) ? candidate.read() : read(candidate.record());
				if (event == null) {
					continue;
				}
				for (Endpoint endpoint : subscribed) {
					if (wants(endpoint, event.tenantId(), event.environment(), event.type())) {
						messages.add(
								WebhookMessage.of(this.ids.next(), event.tenantId(), event.environment(), endpoint.id(),
										event.type(), event.eventId(), event.orderKey(), candidate.record().offset(),
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

	/**
	 * What a record is for, from its headers when it has them (its value is then read
	 * only if an endpoint wants it), else from its value, read now; null for a record no
	 * endpoint can want.
	 */
	private Candidate candidate(ConsumerRecord<String, String> record) {
		if (record.value() == null) {
			return null;
		}
		String eventType = EventHeaders.get(record, EventHeaders.TYPE);
		Long tenant = EventHeaders.tenant(record);
		Environment environment = EventHeaders.environment(record);
		if (eventType != null && tenant != null && environment != null) {
			String type = EventMapper.webhookType(eventType);
			if (type == null) {
				this.passedOver.increment();
				return null;
			}
			return new Candidate(record, tenant, environment, type, null);
		}
		EventMapper.Mapped read = read(record);
		return (read != null) ? new Candidate(record, read.tenantId(), read.environment(), read.type(), read) : null;
	}

	private static boolean wanted(List<Endpoint> subscribed, long tenant, Environment environment, String type) {
		for (Endpoint endpoint : subscribed) {
			if (wants(endpoint, tenant, environment, type)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the endpoint gets the event (a disabled one too: its messages wait for
	 * replay).
	 */
	private static boolean wants(Endpoint endpoint, long tenant, Environment environment, String type) {
		return endpoint.tenantId() == tenant && endpoint.environment() == environment
				&& EventTypes.wants(endpoint.eventTypes(), type);
	}

	private EventMapper.Mapped read(ConsumerRecord<String, String> record) {
		this.parsed.increment();
		try {
			return this.mapper.map(this.json.readValue(record.value(), EventMapper.Envelope.class));
		}
		catch (JacksonException ex) {
			log.warn("Event at {}-{}@{} is not an event envelope; passed over", record.topic(), record.partition(),
					record.offset());
			return null;
		}
	}

	/**
	 * A record that may become webhook messages: its tenant, environment and webhook
	 * type, and the event itself when it had to be read to know them.
	 */
	private record Candidate(ConsumerRecord<String, String> record, long tenantId, Environment environment, String type,
			EventMapper.Mapped read) {
	}

}
