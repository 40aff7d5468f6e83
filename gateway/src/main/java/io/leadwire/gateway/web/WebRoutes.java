package io.leadwire.gateway.web;

import java.util.Map;

/**
 * Routes to a web application rather than to an API service (the console at
 * {@code /app}): marked {@code leadwire-web: true} in their metadata. The gateway asks
 * them for no id rules and no API document, and tells them the address the browser used
 * ({@code X-Forwarded-Host} and {@code -Proto}, set by the gateway itself, never passed
 * on from the client), so the links and sign-in redirects they build point back through
 * the gateway.
 */
public final class WebRoutes {

	public static final String METADATA = "leadwire-web";

	private WebRoutes() {
	}

	public static boolean isWeb(Map<String, Object> metadata) {
		Object flag = (metadata == null) ? null : metadata.get(METADATA);
		return flag != null && Boolean.parseBoolean(flag.toString());
	}

}
