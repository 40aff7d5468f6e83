package io.leadwire.messaging;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.leadwire.common.id.IdAllocator;
import io.leadwire.common.kafka.Topics;
import io.leadwire.common.mongo.MongoIdAllocator;

@SpringBootApplication
@EnableScheduling
@EnableFeignClients
public class MessagingServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(MessagingServiceApplication.class, args);
	}

	@Bean
	IdAllocator idAllocator(MongoOperations mongo) {
		return new MongoIdAllocator(mongo, "messaging", 1000);
	}

	/**
	 * The topics messaging produces: its statuses and events, and the dispatch requests
	 * (campaign-service produces them too; whichever starts first creates it); and the
	 * campaigns' control events it follows, so it starts without campaign-service.
	 */
	@Bean
	KafkaAdmin.NewTopics topics(@Value("${leadwire.kafka.partitions:3}") int partitions,
			@Value("${leadwire.kafka.replicas:1}") int replicas) {
		return Topics.withDeadLetters(partitions, replicas, "message.status", "messaging.events", "campaign.dispatch",
				"campaign.control");
	}

}
