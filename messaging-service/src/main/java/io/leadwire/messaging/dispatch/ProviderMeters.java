package io.leadwire.messaging.dispatch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

import io.leadwire.messaging.provider.ProviderException;

/**
 * Sends by provider and outcome ({@code leadwire.messaging.provider.sends}: sent,
 * refused, unknown) and provider errors by code
 * ({@code leadwire.messaging.provider.errors}: the exception's short code, e.g.
 * {@code http_503}, {@code meta_131026}, {@code timeout}). Tags come from small fixed
 * sets (three providers, a provider's error codes), never from a tenant, session or
 * number.
 */
@Component
class ProviderMeters {

	private final MeterRegistry registry;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	ProviderMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	void sent(String provider) {
		counter("leadwire.messaging.provider.sends", provider, "outcome", "sent").increment();
	}

	void failed(String provider, ProviderException ex) {
		counter("leadwire.messaging.provider.sends", provider, "outcome", ex.retryable() ? "unknown" : "refused")
			.increment();
		error(provider, ex);
	}

	void error(String provider, ProviderException ex) {
		counter("leadwire.messaging.provider.errors", provider, "code", ex.code()).increment();
	}

	private Counter counter(String name, String provider, String tag, String value) {
		return this.counters.computeIfAbsent(name + '|' + provider + '|' + value,
				(key) -> Counter.builder(name).tag("provider", provider).tag(tag, value).register(this.registry));
	}

}
