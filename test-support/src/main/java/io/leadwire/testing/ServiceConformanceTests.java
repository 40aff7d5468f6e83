package io.leadwire.testing;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service must do whatever its domain (ARCHITECTURE.md "The request path"):
 * probes and metrics open, everything else behind the signed context, errors in the
 * envelope. A service's test class extends this and adds {@link ServiceTest}.
 */
public abstract class ServiceConformanceTests {

	@Value("${local.server.port}")
	protected int port;

	protected HttpJson plain() {
		return new HttpJson("http://127.0.0.1:" + this.port);
	}

	@Test
	void readinessIncludesMongoAndIsUp() {
		HttpJson.Response readiness = plain().get("/actuator/health/readiness");
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
		assertThat(plain().get("/actuator/health/liveness").status()).isEqualTo(200);
	}

	@Test
	void prometheusMetricsAreExposed() {
		HttpJson.Response metrics = plain().get("/actuator/prometheus");
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes");
	}

	@Test
	void requestWithoutContextIs401() {
		HttpJson.Response response = plain().get("/v1/anything");
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.code()).isEqualTo("missing_context");
		assertThat(response.json().get("meta").get("requestId").asString()).isNotBlank();
	}

	@Test
	void forgedContextIs401() {
		String forged = TestSecrets.tenant(1L, Environment.LIVE).replaceFirst("\\.[^.]+$", ".AAAA");
		HttpJson.Response response = plain().header(ContextSigner.HEADER, forged).get("/v1/anything");
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.code()).isEqualTo("invalid_context");
	}

	/**
	 * A path of this service that takes a JSON body (the default reaches no endpoint).
	 */
	protected String jsonBodyPath() {
		return "/v1/no-such-thing";
	}

	@Test
	void malformedOrWildcardContentTypesAre4xxInTheEnvelope() {
		for (String type : new String[] { "*/*", "application/*", ";;;=", "json", "a/b/c",
				"application/json; charset=bogus" }) {
			for (String method : new String[] { "POST", "PUT", "PATCH" }) {
				HttpJson.Response response = plain()
					.header(ContextSigner.HEADER, TestSecrets.tenant(1L, Environment.LIVE))
					.header("Content-Type", type)
					.send(method, jsonBodyPath(), "{}");
				assertThat(response.status()).as("%s %s", method, type).isBetween(400, 499);
				assertThat(response.json().get("success").asBoolean()).isFalse();
				assertThat(response.json().get("meta").get("requestId").asString()).isNotBlank();
			}
		}
	}

	@Test
	void responsesAreNeitherSniffedNorCached() {
		HttpJson.Response response = plain().get("/v1/anything");
		assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.header("Cache-Control")).isEqualTo("no-store");
	}

	@Test
	void unknownPathWithContextIs404InTheEnvelope() {
		HttpJson.Response response = plain().header(ContextSigner.HEADER, TestSecrets.tenant(1L, Environment.LIVE))
			.get("/v1/no-such-thing");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.code()).isEqualTo("not_found");
		assertThat(response.json().get("success").asBoolean()).isFalse();
	}

}
