package io.leadwire.common.autoconfigure;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.id.IdCodec;

/**
 * The context signer and id codec, for the gateway and every service.
 */
@AutoConfiguration
@EnableConfigurationProperties(LeadwireProperties.class)
public class LeadwireCoreAutoConfiguration {

	@Bean
	ContextSigner contextSigner(LeadwireProperties properties) {
		return new ContextSigner(properties.context().secret(), properties.context().ttl(), Clock.systemUTC());
	}

	@Bean
	IdCodec idCodec(LeadwireProperties properties) {
		return new IdCodec(properties.ids().salt());
	}

}
