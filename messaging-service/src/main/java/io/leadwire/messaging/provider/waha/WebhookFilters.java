package io.leadwire.messaging.provider.waha;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.leadwire.messaging.webhook.LeanWebhookFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * Puts a {@link LeanWebhookFilter} for WAHA's webhooks first in the servlet chain, unless
 * {@code leadwire.messaging.lean-webhooks} is false (then {@link WahaWebhookController}
 * answers).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "leadwire.messaging.lean-webhooks", matchIfMissing = true)
class WebhookFilters {

	@Bean
	FilterRegistrationBean<LeanWebhookFilter> wahaWebhookFilter(WahaWebhooks webhooks, ObjectMapper json,
			ObjectProvider<MeterRegistry> meters) {
		return new LeanWebhookFilter("waha", WahaWebhooks.PATH, WahaWebhooks.SIGNATURE, WahaWebhooks.MAX_BODY, webhooks,
				json, meters.getIfAvailable(SimpleMeterRegistry::new))
			.registration();
	}

}
