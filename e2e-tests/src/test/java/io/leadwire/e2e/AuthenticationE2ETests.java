package io.leadwire.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.leadwire.common.apikey.ApiKeyFormat;
import io.leadwire.common.context.Environment;
import io.leadwire.testing.HttpJson;

import static org.assertj.core.api.Assertions.assertThat;

@Order(1)
class AuthenticationE2ETests {

	static RunningPlatform platform;

	static String acmeLive;

	@BeforeAll
	static void start() throws Exception {
		platform = RunningPlatform.get();
		acmeLive = platform.tenant(0).get("liveKey").asString();
	}

	@Test
	void healthNeedsNoKeyAnd200() {
		HttpJson.Response response = platform.gateway().get("/v1/health");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.data().get("status").asString()).isEqualTo("UP");
	}

	@Test
	void noKeyIs401MissingApiKey() {
		HttpJson.Response response = platform.gateway().get("/v1/leads");
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.code()).isEqualTo("missing_api_key");
		assertThat(response.json().get("success").asBoolean()).isFalse();
		assertThat(response.json().get("meta").get("requestId").asString()).isEqualTo(response.header("X-Request-Id"));
	}

	@Test
	void unknownWellFormedKeyIs401InvalidApiKey() {
		HttpJson.Response response = platform.withKey(ApiKeyFormat.generate(Environment.LIVE)).get("/v1/leads");
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.code()).isEqualTo("invalid_api_key");
	}

	@Test
	void mistypedOrMalformedKeyIs401InvalidApiKey() {
		String typo = acmeLive.substring(0, 20) + ((acmeLive.charAt(20) == 'a') ? 'b' : 'a') + acmeLive.substring(21);
		for (String key : new String[] { typo, "lw_live_sk_short", "not a key at all", acmeLive + "x" }) {
			HttpJson.Response response = platform.withKey(key).get("/v1/leads");
			assertThat(response.status()).as(key).isEqualTo(401);
			assertThat(response.code()).isEqualTo("invalid_api_key");
		}
	}

	@Test
	void keyIsAcceptedInAnyHeaderCaseAsBearerAndAsQueryParameter() {
		assertThat(platform.gateway().header("x-api-key", acmeLive).get("/v1/leads").status()).isEqualTo(200);
		assertThat(platform.gateway().header("X-API-KEY", acmeLive).get("/v1/leads").status()).isEqualTo(200);
		assertThat(platform.gateway().header("Authorization", "Bearer " + acmeLive).get("/v1/leads").status())
			.isEqualTo(200);
		assertThat(platform.gateway().get("/v1/leads?limit=5&api_key=" + acmeLive).status()).isEqualTo(200);
	}

	@Test
	void tenantKeyCannotUsePlatformAdministrationAnd403() {
		HttpJson.Response response = platform.withKey(acmeLive)
			.post("/v1/admin/tenants", java.util.Map.of("name", "Mine", "plan", "enterprise", "ownerName", "M",
					"ownerEmail", "m@mine.example"));
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.code()).isEqualTo("forbidden");
	}

	@Test
	void spoofedInternalHeadersAreStrippedAndCannotReplaceAKey() {
		String forged = "v1.eyJzIjoiUExBVEZPUk1fQURNSU4iLCJ0IjoxfQ.c2lnbmF0dXJl";
		HttpJson.Response withoutKey = platform.gateway().header("X-Leadwire-Context", forged).get("/v1/leads");
		assertThat(withoutKey.status()).isEqualTo(401);
		assertThat(withoutKey.code()).isEqualTo("missing_api_key");

		HttpJson.Response withKey = platform.withKey(acmeLive)
			.header("X-Leadwire-Context", forged)
			.post("/v1/admin/tenants", java.util.Map.of("name", "Escalated", "plan", "enterprise", "ownerName", "E",
					"ownerEmail", "e@escalated.example"));
		assertThat(withKey.status()).isEqualTo(403);
	}

	@Test
	void unknownRouteIs404InTheEnvelope() {
		HttpJson.Response response = platform.withKey(acmeLive).get("/v1/no-such-resource");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.code()).isEqualTo("not_found");
		assertThat(platform.withKey(acmeLive).get("/actuator/health").status()).isEqualTo(404);
	}

	@Test
	void requestIdIsAcceptedAndEchoed() {
		HttpJson.Response response = platform.withKey(acmeLive)
			.header("X-Request-Id", "client-req-42")
			.get("/v1/leads");
		assertThat(response.header("X-Request-Id")).isEqualTo("client-req-42");
		assertThat(response.json().get("meta").get("requestId").asString()).isEqualTo("client-req-42");
	}

}
