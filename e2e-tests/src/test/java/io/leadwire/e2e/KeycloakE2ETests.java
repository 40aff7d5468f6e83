package io.leadwire.e2e;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.leadwire.testing.HttpJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Platform-UI sign-in against the real Keycloak: a user created through the API is
 * provisioned in the realm, gets a token by password grant and lands in the right tenant;
 * other tokens are 401.
 */
@Order(6)
class KeycloakE2ETests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	static RunningPlatform platform;

	static HttpJson globexOwner;

	@BeforeAll
	static void start() throws Exception {
		platform = RunningPlatform.get();
		globexOwner = platform.withKey(platform.tenant(1).get("liveKey").asString());
	}

	@Test
	void userCreatedThroughTheApiSignsInAndLandsInItsTenant() throws Exception {
		HttpJson.Response created = globexOwner.post("/v1/users",
				Map.of("name", "Una UI", "email", "una@globex.example", "role", "admin", "password", "una-password-1"));
		assertThat(created.status()).isEqualTo(201);
		String userId = created.data().get("id").asString();

		String token = passwordGrant("leadwire", "leadwire-ui", "una@globex.example", "una-password-1");
		HttpJson asUna = platform.gateway().header("Authorization", "Bearer " + token);

		HttpJson.Response lead = asUna.post("/v1/leads", Map.of("name", "From the UI", "email", "ui@globex.example"));
		assertThat(lead.status()).isEqualTo(201);
		assertThat(lead.data().get("tenantId").asString()).isEqualTo(platform.tenant(1).get("id").asString());
		assertThat(globexOwner.get("/v1/leads/" + lead.data().get("id").asString()).status()).isEqualTo(200);

		// Test data on request (the console's "test data" switch): the tenant's sandbox,
		// as
		// its test key sees it, and never its live data.
		HttpJson asUnaTesting = asUna.header("X-Leadwire-Environment", "test");
		HttpJson.Response testLead = asUnaTesting.post("/v1/leads",
				Map.of("name", "Test lead", "email", "t@globex.example"));
		assertThat(testLead.status()).isEqualTo(201);
		HttpJson globexTest = platform.withKey(platform.tenant(1).get("testKey").asString());
		assertThat(globexTest.get("/v1/leads/" + testLead.data().get("id").asString()).status()).isEqualTo(200);
		assertThat(globexOwner.get("/v1/leads/" + testLead.data().get("id").asString()).status()).isEqualTo(404);
		assertThat(asUnaTesting.get("/v1/leads/" + lead.data().get("id").asString()).status()).isEqualTo(404);
		HttpJson.Response odd = asUna.header("X-Leadwire-Environment", "staging").get("/v1/leads");
		assertThat(odd.status()).isEqualTo(400);
		assertThat(odd.json().get("message").asString()).contains("X-Leadwire-Environment");

		JsonNode entry = Awaitility.await()
			.atMost(Duration.ofSeconds(15))
			.until(() -> globexOwner.get("/v1/audit-log?userId=" + userId).data(), (entries) -> entries.size() > 0)
			.get(0);
		assertThat(entry.get("userId").asString()).isEqualTo(userId);
		assertThat(entry.get("keyId").isNull()).isTrue();
	}

	@Test
	void aTokenWithAForgedTenantIs401() throws Exception {
		globexOwner.post("/v1/users",
				Map.of("name", "Fred", "email", "fred@globex.example", "password", "fred-pass-12"));
		String token = passwordGrant("leadwire", "leadwire-ui", "fred@globex.example", "fred-pass-12");
		String[] parts = token.split("\\.");
		String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		String acme = Long.toString(platform.ids().decode(platform.tenant(0).get("id").asString()).getAsLong());
		String forged = parts[0] + "."
				+ Base64.getUrlEncoder()
					.withoutPadding()
					.encodeToString(claims.replaceAll("\"tenantId\":\"\\d+\"", "\"tenantId\":\"" + acme + "\"")
						.getBytes(StandardCharsets.UTF_8))
				+ "." + parts[2];

		HttpJson.Response response = platform.gateway().header("Authorization", "Bearer " + forged).get("/v1/leads");
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.code()).isEqualTo("invalid_token");
	}

	@Test
	void aTokenOfAnotherRealmIs401() throws Exception {
		String master = passwordGrant("master", "admin-cli", io.leadwire.launcher.KeycloakServer.ADMIN,
				RunningPlatform.KEYCLOAK_ADMIN_PASSWORD);
		HttpJson.Response response = platform.gateway().header("Authorization", "Bearer " + master).get("/v1/leads");
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.code()).isEqualTo("invalid_token");
	}

	@Test
	void anExpiredTokenIs401() throws Exception {
		globexOwner.post("/v1/users", Map.of("name", "Eve", "email", "eve@globex.example", "password", "eve-pass-123"));
		createShortLivedClient();
		String token = passwordGrant("leadwire", "leadwire-ui-short", "eve@globex.example", "eve-pass-123");
		HttpJson asEve = platform.gateway().header("Authorization", "Bearer " + token);
		assertThat(asEve.get("/v1/leads").status()).isEqualTo(200);
		HttpJson.Response expired = Awaitility.await()
			.atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> asEve.get("/v1/leads"), (response) -> response.status() == 401);
		assertThat(expired.code()).isEqualTo("invalid_token");
	}

	/** A test-only client of the realm whose tokens live five seconds. */
	private static void createShortLivedClient() throws Exception {
		String admin = passwordGrant("master", "admin-cli", io.leadwire.launcher.KeycloakServer.ADMIN,
				RunningPlatform.KEYCLOAK_ADMIN_PASSWORD);
		Map<String, Object> client = Map.of("clientId", "leadwire-ui-short", "publicClient", true,
				"directAccessGrantsEnabled", true, "attributes", Map.of("access.token.lifespan", "5"),
				"protocolMappers",
				java.util.List.of(Map.of("name", "tenantId", "protocol", "openid-connect", "protocolMapper",
						"oidc-usermodel-attribute-mapper", "config",
						Map.of("user.attribute", "tenantId", "claim.name", "tenantId", "jsonType.label", "String",
								"aggregate.attrs", "true", "access.token.claim", "true"))));
		HttpResponse<String> response = HTTP
			.send(HttpRequest.newBuilder(URI.create(platform.keycloak().url() + "/admin/realms/leadwire/clients"))
				.header("Authorization", "Bearer " + admin)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(client)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isIn(201, 409);
	}

	private static String passwordGrant(String realm, String client, String username, String password)
			throws Exception {
		String form = Map.of("grant_type", "password", "client_id", client, "username", username, "password", password)
			.entrySet()
			.stream()
			.map((e) -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpResponse<String> response = HTTP.send(HttpRequest
			.newBuilder(URI.create(platform.keycloak().url() + "/realms/" + realm + "/protocol/openid-connect/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).get("access_token").asString();
	}

}
