package io.leadwire.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.leadwire.common.apikey.ApiKeyFormat;
import io.leadwire.common.context.Environment;
import io.leadwire.testing.HttpJson;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Idempotency-Key} on POST, kept in the real Redis.
 */
class IdempotencyTests extends GatewayTestBase {

	@org.springframework.beans.factory.annotation.Autowired
	org.springframework.data.redis.core.ReactiveStringRedisTemplate redis;

	HttpJson withKey(String idempotencyKey) {
		return client().header("X-API-Key", KEY).header("Idempotency-Key", idempotencyKey);
	}

	@Test
	void aRetryGetsTheFirstResponseAndTheServiceRunsOnce() {
		String key = UUID.randomUUID().toString();
		HttpJson.Response first = withKey(key).post("/v1/leads", Map.of("email", "a@b.co"));
		HttpJson.Response retry = withKey(key).post("/v1/leads", Map.of("email", "a@b.co"));

		assertThat(first.status()).isEqualTo(200);
		assertThat(first.header("Idempotent-Replayed")).isNull();
		assertThat(retry.status()).isEqualTo(200);
		assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(retry.body()).isEqualTo(first.body());
		assertThat(retry.data().get("id").asString()).isEqualTo(IDS.encode(1000041));
		assertThat(retry.header("X-Request-Id")).isNotEqualTo(first.header("X-Request-Id"));
		assertThat(services.findAll(postRequestedFor(urlEqualTo("/v1/leads")))).hasSize(1);
	}

	@Test
	void aNewKeysSecretIsNeverKeptAndItsReplaySaysItWasWithheld() {
		String secret = ApiKeyFormat.generate(Environment.LIVE);
		services.stubFor(post("/v1/api-keys").willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withHeader("X-Leadwire-Secret-Fields", "key")
			.withBody("{\"success\":true,\"status\":201,\"message\":\"Created\",\"data\":{\"id\":1000050,"
					+ "\"name\":\"ci\",\"keyPrefix\":\"" + secret.substring(0, 15) + "\",\"key\":\"" + secret
					+ "\"},\"meta\":{\"version\":\"v1\"}}")));
		String idempotencyKey = UUID.randomUUID().toString();
		HttpJson.Response first = withKey(idempotencyKey).post("/v1/api-keys", Map.of("name", "ci"));
		assertThat(first.status()).isEqualTo(201);
		assertThat(first.data().get("key").asString()).isEqualTo(secret);
		assertThat(first.header("X-Leadwire-Secret-Fields")).as("internal headers stay inside").isNull();

		String stored = this.redis.opsForValue().get("idem:1000020:live:" + idempotencyKey).block();
		assertThat(stored).isNotNull().contains(secret.substring(0, 15)).doesNotContain(secret.substring(15));

		HttpJson.Response replay = withKey(idempotencyKey).post("/v1/api-keys", Map.of("name", "ci"));
		assertThat(replay.status()).isEqualTo(201);
		assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(replay.data().get("key").isNull()).isTrue();
		assertThat(replay.data().get("keyPrefix").asString()).isEqualTo(secret.substring(0, 15));
		assertThat(replay.json().get("meta").get("secretsWithheld").get(0).asString()).isEqualTo("data.key");
		assertThat(replay.json().get("message").asString()).contains("shown only once");
		assertThat(services.findAll(postRequestedFor(urlEqualTo("/v1/api-keys")))).hasSize(1);
	}

	@Test
	void anythingShapedLikeAKeyIsWithheldEvenIfTheServiceDidNotDeclareIt() {
		String secret = ApiKeyFormat.generate(Environment.TEST);
		services.stubFor(post("/v1/leads").atPriority(1)
			.withRequestBody(matchingJsonPath("$.email", equalTo("leak@b.co")))
			.willReturn(okJson("{\"success\":true,\"data\":{\"id\":1000043,\"note\":\"" + secret + "\"}}")));
		String idempotencyKey = UUID.randomUUID().toString();
		withKey(idempotencyKey).post("/v1/leads", Map.of("email", "leak@b.co"));
		HttpJson.Response replay = withKey(idempotencyKey).post("/v1/leads", Map.of("email", "leak@b.co"));
		assertThat(replay.body()).doesNotContain(secret.substring(15));
		assertThat(replay.data().get("note").isNull()).isTrue();
	}

	@Test
	void theSameKeyWithAnotherBodyIs422() {
		String key = UUID.randomUUID().toString();
		withKey(key).post("/v1/leads", Map.of("email", "a@b.co"));
		HttpJson.Response other = withKey(key).post("/v1/leads", Map.of("email", "other@b.co"));
		assertThat(other.status()).isEqualTo(422);
		assertThat(other.code()).isEqualTo("idempotency_key_reused");
		HttpJson.Response otherPath = withKey(key).post("/api/v1/leads/" + IDS.encode(1000040) + "/assign",
				Map.of("email", "a@b.co"));
		assertThat(otherPath.status()).isEqualTo(422);
		assertThat(services.findAll(postRequestedFor(urlEqualTo("/v1/leads")))).hasSize(1);
	}

	@Test
	void aDuplicateWhileTheFirstIsRunningIs409() {
		services.stubFor(post("/v1/leads").atPriority(1)
			.withRequestBody(matchingJsonPath("$.email", equalTo("slow@b.co")))
			.willReturn(okJson("{\"success\":true,\"data\":{\"id\":1000042}}").withFixedDelay(1500)));
		String key = UUID.randomUUID().toString();
		CompletableFuture<HttpJson.Response> first = CompletableFuture
			.supplyAsync(() -> withKey(key).post("/v1/leads", Map.of("email", "slow@b.co")));
		// The first request has reached the service (which holds it 1.5 s) before the
		// retry.
		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> services.findAll(postRequestedFor(urlEqualTo("/v1/leads"))).size() == 1);
		HttpJson.Response duplicate = withKey(key).post("/v1/leads", Map.of("email", "slow@b.co"));
		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.code()).isEqualTo("idempotency_key_in_use");
		assertThat(first.join().status()).isEqualTo(200);
		assertThat(withKey(key).post("/v1/leads", Map.of("email", "slow@b.co")).header("Idempotent-Replayed"))
			.isEqualTo("true");
	}

	@Test
	void aServerErrorIsNotKeptSoTheRetryRunsAgain() {
		services.stubFor(post("/v1/leads").atPriority(1)
			.withRequestBody(matchingJsonPath("$.email", equalTo("flaky@b.co")))
			.willReturn(aResponse().withStatus(500)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"success\":false,\"status\":500,\"code\":\"internal_error\"}")));
		String key = UUID.randomUUID().toString();
		assertThat(withKey(key).post("/v1/leads", Map.of("email", "flaky@b.co")).status()).isEqualTo(500);
		assertThat(withKey(key).post("/v1/leads", Map.of("email", "flaky@b.co")).status()).isEqualTo(500);
		assertThat(services.findAll(postRequestedFor(urlEqualTo("/v1/leads")))).hasSize(2);
	}

	@Test
	void aPostWithoutABodyIsReplayedToo() {
		services.stubFor(post("/v1/api-keys/1000010/regenerate").willReturn(
				okJson("{\"success\":true,\"data\":{\"id\":1000010,\"key\":\"lw_live_sk_new\"}}").withStatus(201)));
		String key = UUID.randomUUID().toString();
		String path = "/v1/api-keys/" + IDS.encode(1000010) + "/regenerate";
		HttpJson.Response first = withKey(key).post(path, null);
		HttpJson.Response retry = withKey(key).post(path, null);
		assertThat(first.status()).isEqualTo(201);
		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(services.findAll(postRequestedFor(urlEqualTo("/v1/api-keys/1000010/regenerate")))).hasSize(1);
	}

	@Test
	void keysAreScopedByTenant() {
		String otherTenantKey = ApiKeyFormat.generate(Environment.LIVE);
		services.stubFor(post("/internal/keys/verify").atPriority(1)
			.withRequestBody(matchingJsonPath("$.hash", equalTo(ApiKeyFormat.sha256Hex(otherTenantKey))))
			.willReturn(okJson("{\"data\":{\"status\":\"ACTIVE\",\"keyId\":1000013,\"tenantId\":1000021,"
					+ "\"ownerUserId\":1000031,\"environment\":\"live\",\"plan\":\"free\"}}")));
		String key = UUID.randomUUID().toString();
		withKey(key).post("/v1/leads", Map.of("email", "a@b.co"));
		HttpJson.Response other = client().header("X-API-Key", otherTenantKey)
			.header("Idempotency-Key", key)
			.post("/v1/leads", Map.of("email", "a@b.co"));
		assertThat(other.status()).isEqualTo(200);
		assertThat(other.header("Idempotent-Replayed")).isNull();
		assertThat(services.findAll(postRequestedFor(urlEqualTo("/v1/leads")))).hasSize(2);
	}

	@Test
	void aMalformedKeyIs400() {
		HttpJson.Response response = withKey("x".repeat(256)).post("/v1/leads", Map.of("email", "a@b.co"));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.code()).isEqualTo("bad_request");
	}

}
