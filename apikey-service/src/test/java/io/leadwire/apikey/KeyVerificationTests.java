package io.leadwire.apikey;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.leadwire.common.apikey.ApiKeyFormat;
import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;
import io.leadwire.testing.TestSecrets;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceTest
class KeyVerificationTests {

	@LocalServerPort
	int port;

	private HttpJson as(String context) {
		return new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER, context);
	}

	@Test
	void activeKeyVerifiesWithItsTenantEnvironmentAndPlan() {
		JsonNode tenant = as(TestSecrets.platformAdmin())
			.post("/v1/admin/tenants",
					Map.of("name", "Globex", "plan", "professional", "ownerName", "G", "ownerEmail", "g@globex.test"))
			.data();

		JsonNode verification = as(TestSecrets.system())
			.post("/internal/keys/verify", Map.of("hash", ApiKeyFormat.sha256Hex(tenant.get("testKey").asString())))
			.data();

		assertThat(verification.get("status").asString()).isEqualTo("ACTIVE");
		assertThat(verification.get("tenantId").asLong()).isEqualTo(tenant.get("id").asLong());
		assertThat(verification.get("ownerUserId").asLong()).isEqualTo(tenant.get("ownerUserId").asLong());
		assertThat(verification.get("environment").asString()).isEqualTo("test");
		assertThat(verification.get("plan").asString()).isEqualTo("professional");
		assertThat(verification.get("platformAdmin").asBoolean()).isFalse();
	}

	@Test
	void unknownHashIsUnknown() {
		JsonNode verification = as(TestSecrets.system())
			.post("/internal/keys/verify",
					Map.of("hash", ApiKeyFormat.sha256Hex(ApiKeyFormat.generate(Environment.LIVE))))
			.data();
		assertThat(verification.get("status").asString()).isEqualTo("UNKNOWN");
		assertThat(verification.get("tenantId").isNull()).isTrue();
	}

	@Test
	void malformedHashIs422() {
		HttpJson.Response response = as(TestSecrets.system()).post("/internal/keys/verify", Map.of("hash", "abc"));
		assertThat(response.status()).isEqualTo(422);
	}

	@Test
	void tenantCredentialsCannotVerifyKeysAnd403() {
		HttpJson.Response response = as(TestSecrets.tenant(1L, Environment.LIVE)).post("/internal/keys/verify",
				Map.of("hash", "0".repeat(64)));
		assertThat(response.status()).isEqualTo(403);
	}

	@Test
	void probesAndMetricsNeedNoContext() {
		HttpJson plain = new HttpJson("http://127.0.0.1:" + this.port);
		assertThat(plain.get("/actuator/health/readiness").status()).isEqualTo(200);
		assertThat(plain.get("/actuator/health/liveness").status()).isEqualTo(200);
		HttpJson.Response metrics = plain.get("/actuator/prometheus");
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes");
	}

}
