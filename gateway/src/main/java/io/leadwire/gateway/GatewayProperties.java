package io.leadwire.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's own settings.
 *
 * @param apikeyServiceUrl where keys are verified on a cache miss
 * @param publicPaths paths served without credentials
 * @param keyCache how long verification results are kept
 * @param maxJsonBody the largest JSON body whose ids are rewritten
 */
@Validated
@ConfigurationProperties("leadwire.gateway")
public record GatewayProperties(@NotNull URI apikeyServiceUrl, @DefaultValue( {
		"/v1/health", "/docs", "/docs/**", "/v1/openapi.json", "/v1/webhooks/waha", "/v1/webhooks/waha/**",
		"/v1/webhooks/cloud", "/v1/webhooks/cloud/**", "/app", "/app/**" }) List<String> publicPaths,
		@DefaultValue KeyCache keyCache, @DefaultValue("10MB") org.springframework.util.unit.DataSize maxJsonBody){

	/**
	 * @param validFor how long a verified key is trusted without asking again
	 * @param invalidFor how long an unknown key is refused without asking again
	 * @param maximumSize entries kept at most
	 */
	public record KeyCache(@DefaultValue("30s") Duration validFor, @DefaultValue("60s") Duration invalidFor,
			@DefaultValue("100000") long maximumSize) {
	}

}
