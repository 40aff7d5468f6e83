package io.leadwire.apikey;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.kafka.core.KafkaAdmin;

import io.leadwire.common.id.IdAllocator;
import io.leadwire.common.kafka.Topics;
import io.leadwire.common.mongo.MongoIdAllocator;

/**
 * One id sequence for everything this service owns: ids never collide across its
 * collections.
 */
@Configuration(proxyBeanMethods = false)
class ServiceBeans {

	@Bean
	IdAllocator idAllocator(MongoOperations mongo) {
		return new MongoIdAllocator(mongo, "apikey", 100);
	}

	@Bean
	KafkaAdmin.NewTopics topics(@Value("${leadwire.kafka.partitions:3}") int partitions,
			@Value("${leadwire.kafka.replicas:1}") int replicas) {
		return Topics.withDeadLetters(partitions, replicas, "apikeys.events", "audit.events", "usage.events");
	}

}
