package io.leadwire.apikey.user;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keycloak when {@code leadwire.keycloak.server-url} is set, the built-in directory
 * otherwise.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KeycloakProperties.class)
class UserDirectoryConfiguration {

	@Bean
	UserDirectory userDirectory(KeycloakProperties keycloak) {
		if (keycloak.serverUrl() == null || keycloak.serverUrl().isBlank()) {
			return new BuiltInUserDirectory();
		}
		return new KeycloakUserDirectory(keycloak);
	}

}
