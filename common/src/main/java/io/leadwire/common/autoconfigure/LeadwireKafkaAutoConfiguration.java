package io.leadwire.common.autoconfigure;

import org.apache.kafka.common.TopicPartition;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

import io.leadwire.common.kafka.EventPublisher;
import io.leadwire.common.kafka.RequestIdRecordInterceptor;
import tools.jackson.databind.ObjectMapper;

/**
 * Kafka the same way in every service: events as JSON envelopes, request ids in headers,
 * retries with back-off and then the topic's {@code .DLT} twin.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(KafkaTemplate.class)
public class LeadwireKafkaAutoConfiguration {

	@Bean
	@ConditionalOnBean(KafkaTemplate.class)
	@SuppressWarnings("unchecked")
	EventPublisher eventPublisher(KafkaTemplate<?, ?> kafka, ObjectMapper json) {
		return new EventPublisher((KafkaTemplate<String, String>) kafka, json);
	}

	@Bean
	@ConditionalOnBean(KafkaTemplate.class)
	CommonErrorHandler kafkaErrorHandler(KafkaOperations<?, ?> kafka) {
		DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafka,
				(record, ex) -> new TopicPartition(record.topic() + ".DLT", -1));
		ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(4);
		backOff.setInitialInterval(200);
		backOff.setMultiplier(3);
		return new DefaultErrorHandler(deadLetters, backOff);
	}

	@Bean
	RecordInterceptor<Object, Object> requestIdRecordInterceptor() {
		return new RequestIdRecordInterceptor();
	}

}
