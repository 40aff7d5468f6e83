package io.leadwire.apikey.tenant;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A user of one tenant; the email is unique within the tenant. {@code externalId} is the
 * user's subject in Keycloak when users are provisioned there (never shown by the API).
 */
@Document("users")
@CompoundIndex(name = "tenant_email", def = "{'tenantId': 1, 'email': 1}", unique = true)
public record User(@Id long id, long tenantId, String name, String email, Role role, Instant createdAt,
		@com.fasterxml.jackson.annotation.JsonIgnore @org.springframework.data.mongodb.core.index.Indexed(
				sparse = true) String externalId) {

	public enum Role {

		OWNER, ADMIN, MEMBER;

		@JsonValue
		public String wireName() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

		@JsonCreator
		public static Role parse(String value) {
			return Role.valueOf(value.toUpperCase(java.util.Locale.ROOT));
		}

	}

}
