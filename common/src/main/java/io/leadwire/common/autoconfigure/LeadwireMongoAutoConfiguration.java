package io.leadwire.common.autoconfigure;

import org.bson.Document;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A MongoDB health check built on {@code ping}, which every MongoDB (and the wire server
 * used locally) answers cheaply. Named like Boot's own so that one steps aside.
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
		beforeName = "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration")
@ConditionalOnClass({ MongoTemplate.class, HealthIndicator.class })
public class LeadwireMongoAutoConfiguration {

	/**
	 * Job ownership for this replica ({@code leadwire.jobs.lease}: how long a job stays
	 * this replica's without a renewal; another replica resumes it after that).
	 */
	@Bean
	@ConditionalOnBean(MongoTemplate.class)
	io.leadwire.common.job.JobLeases jobLeases(MongoTemplate mongo,
			@org.springframework.beans.factory.annotation.Value("${leadwire.jobs.lease:30s}") java.time.Duration lease) {
		return new io.leadwire.common.job.JobLeases(mongo, io.leadwire.common.job.JobLeases.replicaId(), lease,
				java.time.Clock.systemUTC());
	}

	@Bean(name = "mongoHealthIndicator")
	@ConditionalOnBean(MongoTemplate.class)
	HealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
		return () -> {
			try {
				Document reply = mongo.executeCommand(new Document("ping", 1));
				return Health.up()
					.withDetail("database", mongo.getDb().getName())
					.withDetail("ok", reply.get("ok"))
					.build();
			}
			catch (RuntimeException ex) {
				return Health.down().withDetail("error", ex.getClass().getSimpleName()).build();
			}
		};
	}

}
