package io.leadwire.common.apikey;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyScopesTests {

	@Test
	void scopesComeFromTheCatalogueOrAreWildcardsOfIt() {
		assertThat(ApiKeyScopes.isValid("leads:read")).isTrue();
		assertThat(ApiKeyScopes.isValid("contacts:*")).isTrue();
		assertThat(ApiKeyScopes.isValid("messages:send")).isTrue();
		assertThat(ApiKeyScopes.isValid("keys:admin")).isTrue();
		assertThat(ApiKeyScopes.isValid("*:read")).isTrue();
		assertThat(ApiKeyScopes.isValid("*")).isTrue();
		assertThat(ApiKeyScopes.isValid("leads:send")).isFalse();
		assertThat(ApiKeyScopes.isValid("lead:read")).isFalse();
		assertThat(ApiKeyScopes.isValid("leads")).isFalse();
		assertThat(ApiKeyScopes.isValid("leads:read:all")).isFalse();
		assertThat(ApiKeyScopes.isValid("*:admin")).isFalse();
		assertThat(ApiKeyScopes.isValid("*:*")).isFalse();
		assertThat(ApiKeyScopes.isValid("")).isFalse();
		assertThat(ApiKeyScopes.concrete()).contains("leads:read", "messages:send", "keys:admin", "audit:read");
	}

	@Test
	void noneOrTheStarIsEverything() {
		assertThat(ApiKeyScopes.normalize(null)).isNull();
		assertThat(ApiKeyScopes.normalize(List.of())).isNull();
		assertThat(ApiKeyScopes.normalize(List.of("leads:read", "*"))).isNull();
		assertThat(ApiKeyScopes.normalize(List.of("leads:write", "leads:read", "leads:write")))
			.containsExactly("leads:read", "leads:write");
		assertThat(ApiKeyScopes.grants(null, "keys:admin")).isTrue();
		assertThat(ApiKeyScopes.grants(null, null)).isTrue();
	}

	@Test
	void aScopeGrantsItselfAndWildcardsGrantTheirFamily() {
		Set<String> readLeads = Set.of("leads:read");
		assertThat(ApiKeyScopes.grants(readLeads, "leads:read")).isTrue();
		assertThat(ApiKeyScopes.grants(readLeads, "leads:write")).isFalse();
		assertThat(ApiKeyScopes.grants(readLeads, null)).as("an unrestricted key's operation").isFalse();
		assertThat(ApiKeyScopes.grants(Set.of("contacts:*"), "contacts:write")).isTrue();
		assertThat(ApiKeyScopes.grants(Set.of("contacts:*"), "leads:read")).isFalse();
		assertThat(ApiKeyScopes.grants(Set.of("*:read"), "campaigns:read")).isTrue();
		assertThat(ApiKeyScopes.grants(Set.of("*:read"), "campaigns:write")).isFalse();
		assertThat(ApiKeyScopes.grants(Set.of("*:write"), "messages:send")).isTrue();
		assertThat(ApiKeyScopes.grants(Set.of("*:write", "*:read"), "keys:admin")).as("keys:admin is never implied")
			.isFalse();
		assertThat(ApiKeyScopes.grants(Set.of("keys:*"), "keys:admin")).isTrue();
	}

	@Test
	void aKeyHandsOnOnlyWhatItHolds() {
		assertThat(ApiKeyScopes.covers(null, null)).isTrue();
		assertThat(ApiKeyScopes.covers(List.of("keys:admin", "leads:*"), null)).isFalse();
		assertThat(ApiKeyScopes.covers(List.of("keys:admin", "leads:*"), List.of("leads:read", "leads:write")))
			.isTrue();
		assertThat(ApiKeyScopes.covers(List.of("keys:admin", "leads:*"), List.of("leads:*"))).isTrue();
		assertThat(ApiKeyScopes.covers(List.of("keys:admin", "leads:read"), List.of("leads:*"))).isFalse();
		assertThat(ApiKeyScopes.covers(List.of("keys:admin", "leads:read"), List.of("*:read"))).isFalse();
		assertThat(ApiKeyScopes.covers(List.of("*:read"), List.of("contacts:read", "audit:read"))).isTrue();
		assertThat(ApiKeyScopes.covers(List.of("keys:admin"), List.of("keys:admin"))).isTrue();
	}

}
