package io.leadwire.common.autoconfigure;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.id.IdCodec;
import io.leadwire.common.json.LeadwireJsonModule;

/**
 * The context signer, the id codec and the JSON setup, for the gateway and every service.
 */
@AutoConfiguration
@EnableConfigurationProperties(LeadwireProperties.class)
public class LeadwireCoreAutoConfiguration {

	@Bean
	ContextSigner contextSigner(LeadwireProperties properties) {
		return new ContextSigner(properties.context().secret(), properties.context().ttl(), Clock.systemUTC());
	}

	/** Picked up by Boot's Jackson auto-configuration for every mapper it builds. */
	@Bean
	LeadwireJsonModule leadwireJsonModule() {
		return new LeadwireJsonModule();
	}

	@Bean
	IdCodec idCodec(LeadwireProperties properties) {
		return new IdCodec(properties.ids().salt());
	}

}
