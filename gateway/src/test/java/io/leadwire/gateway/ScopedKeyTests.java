package io.leadwire.gateway;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadwire.common.apikey.ApiKeyFormat;
import io.leadwire.common.context.Environment;
import io.leadwire.testing.HttpJson;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scoped key is held to its scopes before any service sees the request; a replaced
 * secret in its grace period works until the moment it ends, even from the cache.
 */
class ScopedKeyTests extends GatewayTestBase {

	static final String READ_LEADS = ApiKeyFormat.generate(Environment.LIVE);

	static final String OLD_SECRET = ApiKeyFormat.generate(Environment.LIVE);

	@BeforeEach
	void scopedKeys() {
		services.stubFor(post("/internal/keys/verify").atPriority(1)
			.withRequestBody(matchingJsonPath("$.hash",
					com.github.tomakehurst.wiremock.client.WireMock.equalTo(ApiKeyFormat.sha256Hex(READ_LEADS))))
			.willReturn(okJson("{\"success\":true,\"data\":{\"status\":\"ACTIVE\",\"keyId\":1000011,"
					+ "\"tenantId\":1000020,\"ownerUserId\":1000030,\"environment\":\"LIVE\",\"plan\":\"free\","
					+ "\"scopes\":[\"leads:read\",\"contacts:*\"]}}")));
	}

	@Test
	void aScopedKeyDoesWhatItsScopesAllowAndIsRefusedTheRestNamingTheScope() {
		HttpJson key = client().header("X-API-Key", READ_LEADS);
		String lead = IDS.encode(1000040);
		assertThat(key.get("/v1/leads/" + lead).status()).isEqualTo(200);
		assertThat(key.get("/v1/contacts/export").status()).as("contacts:* covers reads").isEqualTo(200);

		HttpJson.Response write = key.post("/v1/leads", Map.of("phone", "14155550123"));
		assertThat(write.status()).isEqualTo(403);
		assertThat(write.code()).isEqualTo("insufficient_scope");
		assertThat(write.json().get("message").asString()).contains("leads:write");
		HttpJson.Response delete = key.header("X-HTTP-Method-Override", "DELETE").post("/v1/leads/" + lead, Map.of());
		assertThat(delete.status()).isEqualTo(403);
		HttpJson.Response keys = key.get("/v1/api-keys");
		assertThat(keys.status()).isEqualTo(403);
		assertThat(keys.json().get("message").asString()).contains("keys:admin");
		assertThat(key.post("/v1/admin/tenants", Map.of("name", "x")).code()).isEqualTo("insufficient_scope");
		assertThat(services.findAll(anyRequestedFor(urlPathEqualTo("/v1/leads")))).as("refused before the service")
			.isEmpty();
		assertThat(services.findAll(anyRequestedFor(urlPathEqualTo("/v1/api-keys")))).isEmpty();
	}

	@Test
	void anUnrestrictedKeyIsNotChecked() {
		HttpJson.Response created = client().header("X-API-Key", KEY).post("/v1/leads", Map.of("phone", "14155550123"));
		assertThat(created.status()).isEqualTo(200);
	}

	@Test
	void aReplacedSecretWorksUntilItsGraceEndsThenIsRefusedAsRevoked() {
		Instant ends = Instant.now().plusSeconds(2);
		services.stubFor(post("/internal/keys/verify").atPriority(1)
			.withRequestBody(matchingJsonPath("$.hash",
					com.github.tomakehurst.wiremock.client.WireMock.equalTo(ApiKeyFormat.sha256Hex(OLD_SECRET))))
			.willReturn(okJson("{\"success\":true,\"data\":{\"status\":\"ACTIVE\",\"keyId\":1000010,"
					+ "\"tenantId\":1000020,\"ownerUserId\":1000030,\"environment\":\"LIVE\",\"plan\":\"free\","
					+ "\"graceEndsAt\":\"" + ends + "\"}}")));
		HttpJson old = client().header("X-API-Key", OLD_SECRET);
		assertThat(old.get("/v1/leads/" + IDS.encode(1000040)).status()).isEqualTo(200);
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(5))
			.until(() -> !Instant.now().isBefore(ends));
		HttpJson.Response refused = old.get("/v1/leads/" + IDS.encode(1000040));
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.code()).isEqualTo("api_key_revoked");
		assertThat(refused.json().get("message").asString()).contains("grace period has ended");
	}

}
