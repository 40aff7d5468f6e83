package io.leadwire.common.autoconfigure;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings every Leadwire process shares; missing secrets stop the start-up, not the
 * first request.
 *
 * @param context the signed request context
 * @param ids the public id codec
 */
@Validated
@ConfigurationProperties("leadwire")
public record LeadwireProperties(@NotNull Context context, @NotNull Ids ids) {

	/**
	 * @param secret HMAC key shared by the gateway and the services (≥ 32 bytes)
	 * @param ttl how long a signed context is accepted
	 * @param publicPaths service paths reachable without a context (provider webhooks)
	 */
	public record Context(@NotNull @Size(min = 32) String secret, @DefaultValue("30s") Duration ttl,
			@DefaultValue List<String> publicPaths) {
	}

	/**
	 * @param salt the hashids salt; changing it changes every public id
	 */
	public record Ids(@NotNull @Size(min = 16) String salt) {
	}

}
