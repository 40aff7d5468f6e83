package io.leadwire.apikey;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.kafka.core.KafkaAdmin;

import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.leadwire.apikey.tenant.Guard;
import io.leadwire.apikey.tenant.GuardInterceptor;
import io.leadwire.common.id.IdAllocator;
import io.leadwire.common.kafka.Topics;
import io.leadwire.common.mongo.MongoIdAllocator;

/**
 * One id sequence for everything this service owns (ids never collide across its
 * collections), and the endpoint guards.
 */
@Configuration(proxyBeanMethods = false)
class ServiceBeans {

	@Bean
	IdAllocator idAllocator(MongoOperations mongo) {
		return new MongoIdAllocator(mongo, "apikey", 100);
	}

	/** {@link Guard}s are checked before any request body is bound or validated. */
	@Bean
	WebMvcConfigurer guards(GuardInterceptor guards) {
		return new WebMvcConfigurer() {
			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(guards);
			}
		};
	}

	@Bean
	KafkaAdmin.NewTopics topics(@Value("${leadwire.kafka.partitions:3}") int partitions,
			@Value("${leadwire.kafka.replicas:1}") int replicas) {
		return Topics.withDeadLetters(partitions, replicas, "apikeys.events", "audit.events", "usage.events",
				"messaging.events");
	}

}
