package io.leadwire.common.kafka;

import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import io.leadwire.common.api.RequestIds;
import io.leadwire.common.event.EventEnvelope;
import tools.jackson.databind.ObjectMapper;

/**
 * Publishes {@link EventEnvelope}s as JSON, keyed by aggregate, with the request id as a
 * header.
 */
public class EventPublisher {

	private final KafkaTemplate<String, String> kafka;

	private final ObjectMapper json;

	public EventPublisher(KafkaTemplate<String, String> kafka, ObjectMapper json) {
		this.kafka = kafka;
		this.json = json;
	}

	public CompletableFuture<SendResult<String, String>> publish(String topic, String key, EventEnvelope<?> event) {
		ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, this.json.writeValueAsString(event));
		if (event.requestId() != null) {
			record.headers()
				.add(RequestIds.HEADER, event.requestId().getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
		return this.kafka.send(record);
	}

}
