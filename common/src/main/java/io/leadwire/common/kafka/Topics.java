package io.leadwire.common.kafka;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Topic declarations: every topic comes with its {@code .DLT} twin (ARCHITECTURE.md
 * "Events"). Created at start-up by the service that produces them; existing topics are
 * left as they are.
 */
public final class Topics {

	private Topics() {
	}

	public static KafkaAdmin.NewTopics withDeadLetters(int partitions, int replicas, String... names) {
		List<NewTopic> topics = new ArrayList<>();
		for (String name : names) {
			topics.add(TopicBuilder.name(name).partitions(partitions).replicas(replicas).build());
			topics.add(TopicBuilder.name(name + ".DLT").partitions(partitions).replicas(replicas).build());
		}
		return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
	}

}
