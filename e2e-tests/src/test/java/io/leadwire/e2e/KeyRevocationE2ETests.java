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

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(KeyRevocationE2ETests.class);

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
	void aRotationWithAGracePeriodKeepsBothSecretsOnEveryReplicaUntilItEndsThenOnlyTheNewOne() {
		JsonNode created = first.post("/v1/api-keys", Map.of("key_name", "CRM sync")).data();
		String id = created.get("id").asString();
		String old = created.get("key").asString();
		List<HttpJson> oldOnReplicas = List.of(platform.withKey(old), new HttpJson(secondUrl).header("X-API-Key", old));
		for (HttpJson replica : oldOnReplicas) {
			assertThat(replica.get("/v1/leads").status()).as("warm cache").isEqualTo(200);
		}

		JsonNode regenerated = first.post("/v1/api-keys/" + id + "/regenerate", Map.of("grace_period_seconds", 4))
			.data();
		String fresh = regenerated.get("key").asString();
		java.time.Instant ends = java.time.Instant
			.parse(regenerated.get("previousKeys").get(0).get("validUntil").asString());
		assertThat(regenerated.get("previousKeys").get(0).get("keyPrefix").asString()).isEqualTo(old.substring(0, 15));
		JsonNode listed = find(first.get("/v1/api-keys").data(), id);
		assertThat(listed.get("keyPrefix").asString()).isEqualTo(fresh.substring(0, 15));
		assertThat(listed.get("previousKeys").get(0).get("validUntil").asString()).isEqualTo(ends.toString());

		// during the grace period both secrets work, on both replicas
		for (HttpJson replica : oldOnReplicas) {
			assertThat(replica.get("/v1/leads").status()).isEqualTo(200);
		}
		assertThat(platform.withKey(fresh).get("/v1/leads").status()).isEqualTo(200);
		assertThat(new HttpJson(secondUrl).header("X-API-Key", fresh).get("/v1/leads").status()).isEqualTo(200);

		// after it, the old one is refused at once on both; the new one keeps working
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> java.time.Instant.now().isAfter(ends));
		for (HttpJson replica : oldOnReplicas) {
			HttpJson.Response refused = replica.get("/v1/leads");
			assertThat(refused.status()).isEqualTo(403);
			assertThat(refused.code()).isEqualTo("api_key_revoked");
		}
		assertThat(platform.withKey(fresh).get("/v1/leads").status()).isEqualTo(200);
		assertThat(find(first.get("/v1/api-keys").data(), id).get("previousKeys")).isEmpty();
	}

	@Test
	void aScopedKeyIsHeldToItsScopesThroughTheGateway() {
		HttpJson.Response created = first.post("/v1/api-keys",
				Map.of("key_name", "Read-only CRM", "scopes", List.of("leads:read", "contacts:*")));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.data().get("scopes").valueStream().map(JsonNode::asString)).containsExactly("contacts:*",
				"leads:read");
		HttpJson scoped = platform.withKey(created.data().get("key").asString());

		assertThat(scoped.get("/v1/leads").status()).isEqualTo(200);
		assertThat(scoped.post("/v1/contacts/create", Map.of("name", "Jane Doe", "phone", "919876543210")).status())
			.isEqualTo(201);
		HttpJson.Response write = scoped.post("/v1/leads", Map.of("name", "John Doe", "email", "john@example.com"));
		assertThat(write.status()).isEqualTo(403);
		assertThat(write.code()).isEqualTo("insufficient_scope");
		assertThat(write.json().get("message").asString()).contains("leads:write");
		HttpJson.Response send = scoped.post("/v1/messages",
				Map.of("session_id", "x", "to", "919876543210", "type", "text", "text", "Hi"));
		assertThat(send.code()).isEqualTo("insufficient_scope");
		assertThat(send.json().get("message").asString()).contains("messages:send");
		assertThat(scoped.get("/v1/api-keys").code()).isEqualTo("insufficient_scope");
		// a client can always find its bearings
		assertThat(scoped.get("/v1/users/me").status()).isEqualTo(200);
		assertThat(scoped.get("/accounts/companies").status()).isEqualTo(200);
		// an unrestricted key lists it with its scopes, and itself as "*"
		JsonNode keys = first.get("/v1/api-keys").data();
		assertThat(find(keys, created.data().get("id").asString()).get("scopes")).hasSize(2);
		assertThat(keys.valueStream().filter((key) -> key.get("scopes").get(0).asString().equals("*")).count())
			.isPositive();
		// the reference says which scope each operation needs
		// (not through the recording client: the id audit walks what it records)
		// (once every service's part is in it: a first read on a busy machine may lack
		// one)
		JsonNode reference = ApiReferenceE2ETests.document();
		assertThat(reference.at("/paths/~1v1~1leads/post/x-required-scope").asString()).isEqualTo("leads:write");
		assertThat(reference.at("/paths/~1v1~1messages/post/x-required-scope").asString()).isEqualTo("messages:send");
	}

	@Test
	void planChangesAndATenantsOwnLimitsApplyOnEveryReplicaWithinOneSecond() {
		HttpJson admin = platform.withKey(platform.platform().secrets().platformAdminKey());
		assertThat(admin
			.put("/v1/admin/plans/e2e-agency",
					Map.of("display_name", "E2E agency", "per_minute", 100, "burst", 100, "per_day", 100_000))
			.status()).isEqualTo(200);
		JsonNode tenant = platform.createTenant("Plan Movers");
		assertThat(admin.put("/v1/admin/tenants/" + tenant.get("id").asString() + "/plan", Map.of("plan", "e2e-agency"))
			.data()
			.get("effective")
			.get("perMinute")
			.asInt()).isEqualTo(100);
		String key = tenant.get("liveKey").asString();
		List<HttpJson> replicas = List.of(platform.withKey(key), new HttpJson(secondUrl).header("X-API-Key", key));
		for (HttpJson replica : replicas) {
			awaitLimit(replica, "100", Duration.ofSeconds(5));
		}

		long changed = System.nanoTime();
		assertThat(admin.put("/v1/admin/plans/e2e-agency", Map.of("per_minute", 50, "burst", 50, "per_day", 100_000))
			.status()).isEqualTo(200);
		for (HttpJson replica : replicas) {
			awaitLimit(replica, "50", Duration.ofSeconds(1));
		}
		log.info("plan change applied on both replicas after {} ms",
				Duration.ofNanos(System.nanoTime() - changed).toMillis());

		changed = System.nanoTime();
		assertThat(admin
			.put("/v1/admin/tenants/" + tenant.get("id").asString() + "/limits",
					Map.of("per_minute", 30, "burst", 30, "per_day", 100_000))
			.status()).isEqualTo(200);
		for (HttpJson replica : replicas) {
			awaitLimit(replica, "30", Duration.ofSeconds(1));
		}
		log.info("tenant {}'s own limits applied on both replicas after {} ms", tenant.get("id").asString(),
				Duration.ofNanos(System.nanoTime() - changed).toMillis());
		assertThat(admin.delete("/v1/admin/tenants/" + tenant.get("id").asString() + "/limits").status())
			.isEqualTo(200);
		for (HttpJson replica : replicas) {
			awaitLimit(replica, "50", Duration.ofSeconds(1));
		}
	}

	private static void awaitLimit(HttpJson replica, String limit, Duration within) {
		org.awaitility.Awaitility.await()
			.atMost(within)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> limit.equals(replica.get("/v1/users/me").header("X-RateLimit-Limit")));
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

		// a tenant on the starter plan (60/min, 10,000/day; the suite raises only free
		// and
		// enterprise)
		JsonNode starter = platform.withKey(platform.platform().secrets().platformAdminKey())
			.post("/v1/admin/tenants",
					Map.of("name", "Starter Co", "plan", "starter", "ownerName", "S", "ownerEmail",
							"s@starter.example"))
			.data();
		HttpJson.Response abovePlan = platform.withKey(starter.get("liveKey").asString())
			.post("/v1/api-keys", Map.of("name", "greedy", "rateLimitPerMinute", 61, "rateLimitPerDay", 10_001));
		assertThat(abovePlan.status()).isEqualTo(422);
		assertThat(abovePlan.json().get("errors").size()).isEqualTo(2);
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
