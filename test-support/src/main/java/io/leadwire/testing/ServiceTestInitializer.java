package io.leadwire.testing;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a service's test context at the shared broker and wire server, with the test
 * secrets. Each service gets its own database, as in production.
 */
public class ServiceTestInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		SharedInfrastructure infrastructure = SharedInfrastructure.get();
		String application = context.getEnvironment().getProperty("spring.application.name", "service");
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("leadwireTestInfrastructure",
					java.util.Map.of("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers(),
							"spring.mongodb.uri", infrastructure.mongoUri(), "spring.mongodb.database",
							"test-" + application, "spring.data.redis.url", infrastructure.redisUrl(),
							"leadwire.context.secret", TestSecrets.CONTEXT_SECRET, "leadwire.ids.salt",
							TestSecrets.ID_SALT)));
	}

}
