package io.leadwire.webhooks.intake;

import io.leadwire.common.kafka.Topics;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics the intake reads ({@code leadwire.webhooks.topics}, among them
 * {@code webhooks.events}, which this service publishes): created if missing, left as
 * they are otherwise, so the intake is subscribed to all of them whichever service starts
 * first.
 */
@Configuration(proxyBeanMethods = false)
class IntakeTopics {

	@Bean
	KafkaAdmin.NewTopics topics(@Value("${leadwire.kafka.partitions:3}") int partitions,
			@Value("${leadwire.kafka.replicas:1}") int replicas,
			@Value("${leadwire.webhooks.topics}") String[] topics) {
		return Topics.withDeadLetters(partitions, replicas, topics);
	}

}
