package io.leadwire.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoOperations;

import io.leadwire.common.autoconfigure.LeadwireProperties;
import io.leadwire.common.crypto.SecretBox;
import io.leadwire.messaging.provider.MessagingProvider;
import io.leadwire.messaging.provider.Providers;
import io.leadwire.messaging.provider.cloud.CloudAccountStore;
import io.leadwire.messaging.provider.cloud.CloudProvider;
import io.leadwire.messaging.provider.sandbox.SandboxLatency;
import io.leadwire.messaging.provider.sandbox.SandboxProvider;
import io.leadwire.messaging.provider.sandbox.SandboxStore;
import io.leadwire.messaging.provider.waha.WahaProvider;
import tools.jackson.databind.ObjectMapper;

/**
 * The providers of this deployment: the sandbox always (test keys, local runs); WAHA when
 * {@code LEADWIRE_WAHA_URL} is given; the Cloud API when
 * {@code LEADWIRE_CLOUD_APP_SECRET} is.
 */
@Configuration(proxyBeanMethods = false)
class ProvidersConfiguration {

	private final AtomicInteger port = new AtomicInteger();

	@EventListener
	void started(WebServerInitializedEvent event) {
		this.port.set(event.getWebServer().getPort());
	}

	/** What the session secrets' key is derived for (changing it loses them). */
	static final String SESSION_SECRETS = "leadwire/messaging/session-secrets/v1";

	@Bean
	SecretBox secretBox(LeadwireProperties properties) {
		return new SecretBox(properties.context().secret(), SESSION_SECRETS);
	}

	@Bean(destroyMethod = "close")
	SandboxStore sandboxStore(MongoOperations mongo, SecretBox secrets) {
		return new SandboxStore(mongo, secrets);
	}

	@Bean(destroyMethod = "close")
	SandboxProvider sandboxProvider(SandboxStore store, ObjectMapper json,
			@Value("${leadwire.messaging.sandbox.delivered-after:500ms}") Duration deliveredAfter,
			@Value("${leadwire.messaging.sandbox.read-after:1500ms}") Duration readAfter,
			@Value("${leadwire.messaging.sandbox.failure-rate:0}") double failureRate,
			@Value("${leadwire.messaging.sandbox.timeout-rate:0}") double timeoutRate,
			@Value("${leadwire.messaging.sandbox.send-latency:0}") String sendLatency,
			@Value("${leadwire.messaging.sandbox.lookup-latency:0}") String lookupLatency,
			@Value("${leadwire.messaging.sandbox.check-latency:0}") String checkLatency,
			@Value("${leadwire.messaging.sandbox.cloud-throughput:80}") int cloudThroughput) {
		SandboxProvider sandbox = new SandboxProvider(store, json, this.port::get,
				new SandboxProvider.Settings(deliveredAfter, readAfter, failureRate, SandboxLatency.parse(sendLatency),
						SandboxLatency.parse(lookupLatency), SandboxLatency.parse(checkLatency), cloudThroughput));
		sandbox.timeoutRate(timeoutRate);
		return sandbox;
	}

	/** WAHA, when {@code LEADWIRE_WAHA_URL} is set. */
	@Bean
	@org.springframework.boot.autoconfigure.condition.ConditionalOnExpression("!'${leadwire.messaging.waha.url:}'.isEmpty()")
	WahaProvider wahaProvider(@Value("${leadwire.messaging.waha.url}") String url,
			@Value("${leadwire.messaging.waha.api-key:}") String apiKey,
			@Value("${leadwire.messaging.waha.engine:WEBJS}") String engine,
			@Value("${leadwire.messaging.waha.timeout:10s}") Duration timeout, ObjectMapper json) {
		return new WahaProvider(url, apiKey, engine, json, timeout);
	}

	/** The Cloud API, when the Meta app's secret (which signs its webhooks) is set. */
	@Bean
	@org.springframework.boot.autoconfigure.condition.ConditionalOnExpression("!'${leadwire.messaging.cloud.app-secret:}'.isEmpty()")
	CloudAccountStore cloudAccounts(MongoOperations mongo, SecretBox secrets) {
		return new CloudAccountStore(mongo, secrets);
	}

	@Bean
	@org.springframework.boot.autoconfigure.condition.ConditionalOnExpression("!'${leadwire.messaging.cloud.app-secret:}'.isEmpty()")
	CloudProvider cloudProvider(CloudAccountStore accounts, ObjectMapper json,
			@Value("${leadwire.messaging.cloud.graph-url:https://graph.facebook.com}") String graphUrl,
			@Value("${leadwire.messaging.cloud.api-version:v23.0}") String version,
			@Value("${leadwire.messaging.cloud.timeout:10s}") Duration timeout) {
		return new CloudProvider(accounts, json, graphUrl, version, timeout);
	}

	@Bean
	Providers providers(List<MessagingProvider> providers) {
		return new Providers(new ArrayList<>(providers));
	}

}
