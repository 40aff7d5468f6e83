package io.leadwire.apikey.user;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.leadwire.apikey.tenant.User;
import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ErrorCodes;

/**
 * Provisions users in Keycloak: a group per tenant ({@code tenant-<id>}) carrying a
 * {@code tenantId} attribute, which the realm's mapper puts into every token of its
 * members.
 */
class KeycloakUserDirectory implements UserDirectory, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(KeycloakUserDirectory.class);

	private final Keycloak keycloak;

	private final String realm;

	KeycloakUserDirectory(KeycloakProperties properties) {
		this.keycloak = KeycloakBuilder.builder()
			.serverUrl(properties.serverUrl())
			.realm(properties.realm())
			.grantType("client_credentials")
			.clientId(properties.clientId())
			.clientSecret(properties.clientSecret())
			.build();
		this.realm = properties.realm();
	}

	@Override
	public String provision(User user, String password) {
		RealmResource realm = this.keycloak.realm(this.realm);
		String group = ensureTenantGroup(realm, user.tenantId());
		UserRepresentation representation = new UserRepresentation();
		representation.setUsername(user.email());
		representation.setEmail(user.email());
		representation.setEmailVerified(true);
		representation.setEnabled(true);
		// Keycloak's default user profile requires both names, or sign-in stops at
		// "account not set up".
		String name = user.name().trim();
		int space = name.lastIndexOf(' ');
		representation.setFirstName((space > 0) ? name.substring(0, space) : name);
		representation.setLastName((space > 0) ? name.substring(space + 1) : name);
		representation.setGroups(List.of(group));
		if (password != null) {
			CredentialRepresentation credential = new CredentialRepresentation();
			credential.setType(CredentialRepresentation.PASSWORD);
			credential.setValue(password);
			credential.setTemporary(false);
			representation.setCredentials(List.of(credential));
		}
		try (Response response = realm.users().create(representation)) {
			if (response.getStatus() == 409) {
				throw ApiException.conflict("duplicate_email", "A user with this email already exists");
			}
			if (response.getStatus() != 201) {
				log.warn("Keycloak refused user creation: HTTP {}", response.getStatus());
				throw new ApiException(503, ErrorCodes.SERVICE_UNAVAILABLE, "The user directory is unavailable");
			}
			String location = response.getLocation().getPath();
			return location.substring(location.lastIndexOf('/') + 1);
		}
	}

	@Override
	public void remove(User user) {
		if (user.externalId() != null) {
			try (Response response = this.keycloak.realm(this.realm).users().delete(user.externalId())) {
				if (response.getStatus() != 204 && response.getStatus() != 404) {
					log.warn("Keycloak refused user deletion: HTTP {}", response.getStatus());
				}
			}
		}
	}

	private String ensureTenantGroup(RealmResource realm, long tenantId) {
		String name = "tenant-" + tenantId;
		if (realm.groups().groups(name, true, 0, 1, true).stream().noneMatch((g) -> g.getName().equals(name))) {
			GroupRepresentation group = new GroupRepresentation();
			group.setName(name);
			group.setAttributes(Map.of("tenantId", List.of(Long.toString(tenantId))));
			try (Response response = realm.groups().add(group)) {
				if (response.getStatus() != 201 && response.getStatus() != 409) {
					throw new ApiException(503, ErrorCodes.SERVICE_UNAVAILABLE, "The user directory is unavailable");
				}
			}
		}
		return name;
	}

	@Override
	public void close() {
		this.keycloak.close();
	}

}
