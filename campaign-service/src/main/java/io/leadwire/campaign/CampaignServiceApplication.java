package io.leadwire.campaign;

import java.time.Clock;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.leadwire.campaign.recipients.RecipientState;
import io.leadwire.common.id.IdAllocator;
import io.leadwire.common.kafka.Topics;
import io.leadwire.common.mongo.MongoIdAllocator;

@SpringBootApplication
@EnableFeignClients
@EnableScheduling
public class CampaignServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(CampaignServiceApplication.class, args);
	}

	@Bean
	IdAllocator idAllocator(MongoOperations mongo) {
		return new MongoIdAllocator(mongo, "campaign", 1000);
	}

	/** Recipient states are stored by their lower-case names. */
	@Bean
	MongoCustomConversions mongoCustomConversions() {
		return MongoCustomConversions.create((conversions) -> conversions
			.registerConverters(List.of(new RecipientState.Writer(), new RecipientState.Reader())));
	}

	/**
	 * The time delivery rules are judged by (sending windows, daily caps): the system's;
	 * the tests register one they move before the context starts.
	 */
	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	KafkaAdmin.NewTopics topics(@Value("${leadwire.kafka.partitions:3}") int partitions,
			@Value("${leadwire.kafka.replicas:1}") int replicas) {
		return Topics.withDeadLetters(partitions, replicas, "campaign.dispatch", "campaign.control", "campaign.events");
	}

}
