package io.leadwire.messaging.provider.waha;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import tools.jackson.databind.ObjectMapper;

/**
 * Puts {@link WahaWebhookFilter} first in the servlet chain for its one path, unless
 * {@code leadwire.messaging.lean-webhooks} is false (then the controller answers).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "leadwire.messaging.lean-webhooks", matchIfMissing = true)
class WebhookFilters {

	@Bean
	FilterRegistrationBean<WahaWebhookFilter> wahaWebhookFilter(WahaWebhooks webhooks, ObjectMapper json,
			ObjectProvider<MeterRegistry> meters) {
		FilterRegistrationBean<WahaWebhookFilter> registration = new FilterRegistrationBean<>(
				new WahaWebhookFilter(webhooks, json, meters.getIfAvailable(SimpleMeterRegistry::new)));
		registration.addUrlPatterns(WahaWebhookFilter.PATH);
		// Before HTTP observation (HIGHEST_PRECEDENCE + 1) and every Leadwire filter but
		// the request id's, whose rules it applies itself.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
