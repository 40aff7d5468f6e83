package io.leadwire.contacts;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.leadwire.common.id.IdAllocator;
import io.leadwire.common.kafka.Topics;
import io.leadwire.common.mongo.MongoIdAllocator;

@SpringBootApplication
@EnableScheduling
public class ContactsServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(ContactsServiceApplication.class, args);
	}

	@Bean
	IdAllocator idAllocator(MongoOperations mongo) {
		return new MongoIdAllocator(mongo, "contacts", 1000);
	}

	/**
	 * Its own topic, and the one it consumes opt-outs from (created here too when
	 * messaging has not started yet, so the consumer and its dead letters have somewhere
	 * to go; an existing topic is left as it is).
	 */
	@Bean
	KafkaAdmin.NewTopics topics(@Value("${leadwire.kafka.partitions:3}") int partitions,
			@Value("${leadwire.kafka.replicas:1}") int replicas) {
		return Topics.withDeadLetters(partitions, replicas, "contacts.events", "messaging.events");
	}

}
