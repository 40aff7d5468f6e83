package io.leadwire.launcher;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** When ./leadwire starts its own Keycloak, and what it prints of the console. */
class LocalKeycloakTests {

	@Test
	void startsItsOwnKeycloakUnlessToldOffOrGivenAnother() {
		assertThat(LocalKeycloak.wanted(Map.of())).isTrue();
		assertThat(LocalKeycloak.wanted(Map.of("LEADWIRE_KEYCLOAK", "off"))).isFalse();
		assertThat(LocalKeycloak.wanted(Map.of("LEADWIRE_JWT_ISSUER", "https://id.example/realms/leadwire"))).isFalse();
		assertThat(LocalKeycloak.wanted(Map.of("LEADWIRE_JWT_ISSUER", " "))).isTrue();
	}

	@Test
	void theBuildRecordsTheKeycloakVersionItUnpacked() throws Exception {
		assertThat(LocalKeycloak.version()).matches("\\d+\\.\\d+\\.\\d+");
	}

	@Test
	void theBannerNamesTheConsoleAndItsDemoSignIns() {
		JsonNode credentials = JsonMapper.builder().build().readTree("""
				{"tenants": [{"name": "Acme", "plan": "free", "liveKey": "lw_live_sk_a", "testKey": "lw_test_sk_a"}],
				 "partner": {"name": "Northwind Agency", "liveKey": "lw_live_sk_n"},
				 "console": {"url": "http://localhost:8080/app/",
				             "users": [{"tenant": "Acme", "username": "demo@acme.example", "password": "pw1"}]}}
				""");
		String banner = Launcher.banner(LauncherSettings.fromEnvironment(Map.of()), credentials,
				Path.of("credentials.json"), 12.5);
		assertThat(banner).contains("Console: http://localhost:8080/app/").contains("demo@acme.example / pw1");
	}

}
