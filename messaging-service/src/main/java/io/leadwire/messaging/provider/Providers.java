package io.leadwire.messaging.provider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.leadwire.common.api.ApiException;

/**
 * The providers this deployment has (the sandbox always; WAHA and the Cloud API when
 * their settings are given), by name.
 */
public final class Providers {

	private final Map<String, MessagingProvider> byName = new LinkedHashMap<>();

	public Providers(List<MessagingProvider> providers) {
		providers.forEach((provider) -> this.byName.put(provider.name(), provider));
	}

	/**
	 * The provider {@code name}; a 422 naming the field when it is not configured here.
	 */
	public MessagingProvider get(String name) {
		MessagingProvider provider = this.byName.get(name);
		if (provider == null) {
			throw ApiException.validation("provider",
					"'" + name + "' is not configured on this platform; available: " + this.byName.keySet());
		}
		return provider;
	}

	public boolean has(String name) {
		return this.byName.containsKey(name);
	}

}
