package io.leadwire.console;

import java.net.URI;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The console's settings.
 *
 * @param gatewayUrl where the console calls the public API, with the user's token
 * @param issuer the Keycloak realm as browsers reach it and tokens name it
 * @param backchannelIssuer the realm as this server reaches it (tokens, keys), when that
 * differs from {@code issuer} (containers); blank: the same
 * @param clientId the realm's public client of the console (PKCE)
 */
@Validated
@ConfigurationProperties("leadwire.console")
public record ConsoleProperties(@NotNull URI gatewayUrl, @NotBlank String issuer,
		@DefaultValue("") String backchannelIssuer, @DefaultValue("leadwire-console") String clientId) {

	/** The realm's address for calls from this server. */
	public String serverIssuer() {
		return this.backchannelIssuer.isBlank() ? this.issuer : this.backchannelIssuer;
	}

}
