package io.leadwire.apikey.user;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keycloak for user sign-in. Unset {@code serverUrl} means the built-in directory.
 *
 * @param serverUrl e.g. {@code http://localhost:8180}
 * @param realm the users' realm
 * @param clientId a confidential client whose service account may manage users and groups
 * @param clientSecret its secret
 */
@ConfigurationProperties("leadwire.keycloak")
public record KeycloakProperties(String serverUrl, String realm, String clientId, String clientSecret) {
}
