package io.leadwire.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.leadwire.launcher.Platform;
import io.leadwire.testing.HttpJson;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key lifecycle through the gateway, with a second gateway replica sharing the platform.
 */
@Order(4)
class KeyRevocationE2ETests {

	static RunningPlatform platform;

	static HttpJson first;

	static String secondUrl;

	@BeforeAll
	static void start() throws Exception {
		platform = RunningPlatform.get();
		int port = Platform.freePort();
		platform.platform().startExtraGateway("gateway-2", port, Platform.freePort());
		secondUrl = "http://127.0.0.1:" + port;
		first = platform.withKey(platform.tenant(1).get("liveKey").asString());
	}

	@Test
	void revokedKeyIsRefusedByEveryReplicaWithinOneSecond() throws Exception {
		JsonNode created = first.post("/v1/api-keys", Map.of("name", "short-lived")).data();
		String key = created.get("key").asString();
		List<HttpJson> replicas = List.of(platform.withKey(key), new HttpJson(secondUrl).header("X-API-Key", key));
		for (HttpJson replica : replicas) {
			assertThat(replica.get("/v1/leads").status()).as("warm cache").isEqualTo(200);
		}

		long revokedAt = System.nanoTime();
		assertThat(first.delete("/v1/api-keys/" + created.get("id").asString()).status()).isEqualTo(200);

		for (HttpJson replica : replicas) {
			Duration refusedAfter = awaitRefusal(replica, revokedAt);
			assertThat(refusedAfter).isLessThanOrEqualTo(Duration.ofSeconds(1));
		}
		assertThat(replicas.get(1).get("/v1/leads").code()).isEqualTo("api_key_revoked");
	}

	@Test
	void regeneratedSecretIsRefusedAtOnceAndTheNewOneWorks() {
		JsonNode created = first.post("/v1/api-keys", Map.of("name", "rotating")).data();
		String old = created.get("key").asString();
		assertThat(platform.withKey(old).get("/v1/leads").status()).isEqualTo(200);

		JsonNode regenerated = first.post("/v1/api-keys/" + created.get("id").asString() + "/regenerate", null).data();
		String fresh = regenerated.get("key").asString();
		assertThat(regenerated.get("id").asString()).isEqualTo(created.get("id").asString());

		assertThat(platform.withKey(fresh).get("/v1/leads").status()).isEqualTo(200);
		HttpJson.Response refused = awaitStatus(platform.withKey(old), 403);
		assertThat(refused.code()).isEqualTo("api_key_revoked");
	}

	@Test
	void expiredKeyIs403ApiKeyExpired() {
		String expiresAt = java.time.Instant.now().plusSeconds(3).toString();
		JsonNode created = first.post("/v1/api-keys", Map.of("name", "brief", "expires_at", expiresAt)).data();
		HttpJson user = platform.withKey(created.get("key").asString());
		assertThat(user.get("/v1/leads").status()).isEqualTo(200);
		HttpJson.Response expired = org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> user.get("/v1/leads"), (response) -> response.status() == 403);
		assertThat(expired.code()).isEqualTo("api_key_expired");
	}

	@Test
	void revokeByPostIsRefusedAtOnceAndLimitsAreCappedByThePlan() {
		JsonNode created = first.post("/v1/api-keys", Map.of("name", "posted")).data();
		HttpJson user = platform.withKey(created.get("key").asString());
		assertThat(user.get("/v1/leads").status()).isEqualTo(200);
		assertThat(first.post("/v1/api-keys/revoke", Map.of("id", created.get("id").asString())).status())
			.isEqualTo(200);
		assertThat(awaitStatus(user, 403).code()).isEqualTo("api_key_revoked");

		HttpJson acme = platform.withKey(platform.tenant(0).get("liveKey").asString());
		HttpJson.Response aboveFreePlan = acme.post("/v1/api-keys",
				Map.of("name", "greedy", "rateLimitPerMinute", 60, "rateLimitPerDay", 10_000));
		assertThat(aboveFreePlan.status()).isEqualTo(422);
		assertThat(aboveFreePlan.json().get("errors").size()).isEqualTo(2);
		JsonNode withinPlan = first.post("/v1/api-keys", Map.of("name", "tuned", "rate_limit_per_minute", 150)).data();
		assertThat(withinPlan.get("rateLimitPerMinute").asInt()).isEqualTo(150);
	}

	@Test
	void listShowsKeysWithoutSecretsAndEncodedIds() {
		HttpJson.Response listed = first.get("/v1/api-keys");
		assertThat(listed.status()).isEqualTo(200);
		for (JsonNode key : listed.data()) {
			assertThat(key.get("id").asString()).matches("[A-Za-z0-9]{16,17}");
			assertThat(key.has("key")).isFalse();
			assertThat(key.get("keyPrefix").asString()).hasSize(15);
		}
	}

	@Test
	void lastUsedAtFollowsUseWithoutAWritePerRequest() {
		JsonNode created = first.post("/v1/api-keys", Map.of("name", "used")).data();
		assertThat(created.get("lastUsedAt").isNull()).isTrue();
		HttpJson user = platform.withKey(created.get("key").asString());
		for (int i = 0; i < 5; i++) {
			assertThat(user.get("/v1/leads").status()).isEqualTo(200);
		}
		String id = created.get("id").asString();
		JsonNode used = org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> find(first.get("/v1/api-keys").data(), id), (key) -> !key.get("lastUsedAt").isNull());
		assertThat(java.time.Instant.parse(used.get("lastUsedAt").asString()))
			.isAfter(java.time.Instant.parse(created.get("createdAt").asString()));
	}

	private static JsonNode find(JsonNode keys, String id) {
		for (JsonNode key : keys) {
			if (key.get("id").asString().equals(id)) {
				return key;
			}
		}
		throw new AssertionError("key " + id + " not listed");
	}

	private static Duration awaitRefusal(HttpJson replica, long since) throws InterruptedException {
		long deadline = since + Duration.ofSeconds(5).toNanos();
		while (System.nanoTime() < deadline) {
			if (replica.get("/v1/leads").status() == 403) {
				return Duration.ofNanos(System.nanoTime() - since);
			}
			Thread.onSpinWait();
		}
		return Duration.ofSeconds(5);
	}

	private static HttpJson.Response awaitStatus(HttpJson client, int status) {
		HttpJson.Response response = client.get("/v1/leads");
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (response.status() != status && System.nanoTime() < deadline) {
			response = client.get("/v1/leads");
		}
		return response;
	}

}
