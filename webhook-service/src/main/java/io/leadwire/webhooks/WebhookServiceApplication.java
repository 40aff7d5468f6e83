package io.leadwire.webhooks;

import io.leadwire.common.autoconfigure.LeadwireProperties;
import io.leadwire.common.crypto.SecretBox;
import io.leadwire.common.id.IdAllocator;
import io.leadwire.common.mongo.MongoIdAllocator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Outbound webhooks (docs/webhooks.md): tenants' endpoints, the events each wants, and
 * their signed delivery with retries, a dead-letter list and replay.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class WebhookServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(WebhookServiceApplication.class, args);
	}

	@Bean
	IdAllocator idAllocator(MongoOperations mongo) {
		return new MongoIdAllocator(mongo, "webhooks", 100);
	}

	/** Endpoint secrets are stored sealed with a key derived from the context secret. */
	@Bean
	SecretBox secretBox(LeadwireProperties properties) {
		return new SecretBox(properties.context().secret(), "leadwire/webhooks/endpoint-secrets/v1");
	}

}
