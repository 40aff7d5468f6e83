package io.leadwire.apikey;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.leadwire.common.apikey.ApiKeyFormat;
import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.testing.EventCapture;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;
import io.leadwire.testing.TestSecrets;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceTest
class ApiKeyLifecycleTests {

	@LocalServerPort
	int port;

	long tenantId;

	long ownerId;

	HttpJson owner;

	@BeforeEach
	void tenant() {
		JsonNode tenant = http(TestSecrets.platformAdmin())
			.post("/v1/admin/tenants",
					Map.of("name", "Keys Inc", "plan", "free", "ownerName", "O", "ownerEmail", "o@keys.example"))
			.data();
		this.tenantId = tenant.get("id").asLong();
		this.ownerId = tenant.get("ownerUserId").asLong();
		this.owner = http(TestSecrets.tenant(this.tenantId, Environment.LIVE, this.ownerId));
	}

	HttpJson http(String context) {
		return new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER, context);
	}

	String verify(String secret) {
		return http(TestSecrets.system()).post("/internal/keys/verify", Map.of("hash", ApiKeyFormat.sha256Hex(secret)))
			.data()
			.get("status")
			.asString();
	}

	@Test
	void createdKeyIs201WithItsSecretOnceAndListedWithoutIt() {
		HttpJson.Response created = this.owner.post("/v1/api-keys",
				Map.of("key_name", "CRM sync", "environment", "test", "rate_limit_per_minute", 10));
		assertThat(created.status()).isEqualTo(201);
		JsonNode key = created.data();
		String secret = key.get("key").asString();
		assertThat(ApiKeyFormat.parse(secret)).isEqualTo(Environment.TEST);
		assertThat(key.get("keyPrefix").asString()).isEqualTo(secret.substring(0, 15));
		assertThat(key.get("environment").asString()).isEqualTo("test");
		assertThat(key.get("rateLimitPerMinute").asInt()).isEqualTo(10);
		assertThat(key.get("rateLimitPerDay").asInt()).isEqualTo(500);
		assertThat(key.get("isActive").asBoolean()).isTrue();
		assertThat(verify(secret)).isEqualTo("ACTIVE");

		JsonNode listed = this.owner.get("/v1/api-keys").data();
		assertThat(listed.size()).isEqualTo(3);
		assertThat(this.owner.get("/v1/api-keys").body()).doesNotContain(secret);
	}

	@Test
	void limitsAboveThePlanOrBelowTheFloorAndPastExpiryAre422() {
		assertThat(this.owner.post("/v1/api-keys", Map.of("name", "k", "rateLimitPerMinute", 60)).status())
			.isEqualTo(422);
		assertThat(this.owner.post("/v1/api-keys", Map.of("name", "k", "rateLimitPerDay", 100)).status())
			.isEqualTo(422);
		assertThat(this.owner.post("/v1/api-keys", Map.of("name", "k", "expiresAt", "2020-01-01T00:00:00Z")).status())
			.isEqualTo(422);
		assertThat(this.owner.post("/v1/api-keys", Map.of("name", "")).status()).isEqualTo(422);
		assertThat(this.owner.post("/v1/api-keys", Map.of("name", "k", "environment", "prod")).status()).isEqualTo(400);
	}

	@Test
	void regenerationRetiresTheOldSecretAtOnce() {
		JsonNode key = this.owner.post("/v1/api-keys", Map.of("name", "rotating")).data();
		String old = key.get("key").asString();

		JsonNode regenerated = this.owner.post("/v1/api-keys/" + key.get("id").asLong() + "/regenerate", null).data();

		String fresh = regenerated.get("key").asString();
		assertThat(fresh).isNotEqualTo(old);
		assertThat(regenerated.get("id").asLong()).isEqualTo(key.get("id").asLong());
		assertThat(verify(old)).isEqualTo("REVOKED");
		assertThat(verify(fresh)).isEqualTo("ACTIVE");
	}

	JsonNode verification(String secret) {
		return http(TestSecrets.system()).post("/internal/keys/verify", Map.of("hash", ApiKeyFormat.sha256Hex(secret)))
			.data();
	}

	/** The owner calling with the key {@code keyId}, as the gateway signs it. */
	HttpJson withKey(long keyId) {
		return http(TestSecrets.SIGNER.sign(new io.leadwire.common.context.RequestContext(
				io.leadwire.common.context.RequestContext.Scope.TENANT, this.tenantId, Environment.LIVE, this.ownerId,
				this.ownerId, this.tenantId, keyId, "free", "test", 0)));
	}

	@Test
	void scopesAreCheckedStoredShownAndGivenToTheGateway() {
		HttpJson.Response bad = this.owner.post("/v1/api-keys",
				Map.of("name", "bad", "scopes", List.of("leads:read", "leads:send", "everything")));
		assertThat(bad.status()).isEqualTo(422);
		assertThat(bad.json().get("errors").findValuesAsString("field")).containsExactly("scopes[1]", "scopes[2]");

		JsonNode scoped = this.owner
			.post("/v1/api-keys",
					Map.of("name", "CRM reader", "scopes", List.of("leads:read", "keys:admin", "leads:read")))
			.data();
		assertThat(scoped.get("scopes").valueStream().map(JsonNode::asString)).containsExactly("keys:admin",
				"leads:read");
		assertThat(verification(scoped.get("key").asString()).get("scopes").valueStream().map(JsonNode::asString))
			.containsExactly("keys:admin", "leads:read");

		JsonNode everything = this.owner.post("/v1/api-keys", Map.of("name", "all", "scopes", List.of("*"))).data();
		assertThat(everything.get("scopes").get(0).asString()).isEqualTo("*");
		assertThat(verification(everything.get("key").asString()).get("scopes").isNull()).isTrue();
	}

	@Test
	void aScopedKeyCreatesAndRegeneratesOnlyKeysWithinItsScopes() {
		JsonNode admin = this.owner
			.post("/v1/api-keys", Map.of("name", "key admin", "scopes", List.of("keys:admin", "leads:*")))
			.data();
		HttpJson scoped = withKey(admin.get("id").asLong());

		HttpJson.Response wider = scoped.post("/v1/api-keys", Map.of("name", "x", "scopes", List.of("contacts:read")));
		assertThat(wider.status()).isEqualTo(403);
		assertThat(wider.code()).isEqualTo("insufficient_scope");
		assertThat(scoped.post("/v1/api-keys", Map.of("name", "unrestricted")).code()).isEqualTo("insufficient_scope");
		assertThat(scoped.post("/v1/api-keys", Map.of("name", "reader", "scopes", List.of("leads:read"))).status())
			.isEqualTo(201);

		long unrestricted = this.owner.post("/v1/api-keys", Map.of("name", "root")).data().get("id").asLong();
		assertThat(scoped.post("/v1/api-keys/" + unrestricted + "/regenerate", null).code())
			.as("regenerating would hand it the secret of a wider key")
			.isEqualTo("insufficient_scope");
		assertThat(scoped.post("/v1/api-keys/" + admin.get("id").asLong() + "/regenerate", null).status())
			.isEqualTo(200);
		assertThat(scoped.delete("/v1/api-keys/" + unrestricted).status()).as("revoking takes power away")
			.isEqualTo(200);
	}

	@Test
	void regenerationWithAGracePeriodKeepsTheOldSecretUntilItEndsOrIsEnded() {
		JsonNode key = this.owner.post("/v1/api-keys", Map.of("name", "rotating")).data();
		long id = key.get("id").asLong();
		String old = key.get("key").asString();

		assertThat(
				this.owner.post("/v1/api-keys/" + id + "/regenerate", Map.of("grace_period_seconds", 604_801)).status())
			.as("seven days at most")
			.isEqualTo(422);
		JsonNode regenerated = this.owner
			.post("/v1/api-keys/" + id + "/regenerate", Map.of("grace_period_seconds", 3600))
			.data();
		String fresh = regenerated.get("key").asString();

		assertThat(verify(fresh)).isEqualTo("ACTIVE");
		JsonNode oldAnswer = verification(old);
		assertThat(oldAnswer.get("status").asString()).isEqualTo("ACTIVE");
		assertThat(oldAnswer.get("keyId").asLong()).isEqualTo(id);
		java.time.Instant ends = java.time.Instant.parse(oldAnswer.get("graceEndsAt").asString());
		assertThat(ends).isBetween(java.time.Instant.now().plusSeconds(3590),
				java.time.Instant.now().plusSeconds(3601));

		JsonNode listed = this.owner.get("/v1/api-keys")
			.data()
			.valueStream()
			.filter((each) -> each.get("id").asLong() == id)
			.findFirst()
			.orElseThrow();
		assertThat(listed.get("keyPrefix").asString()).isEqualTo(fresh.substring(0, 15));
		assertThat(listed.get("previousKeys")).hasSize(1);
		assertThat(listed.get("previousKeys").get(0).get("keyPrefix").asString()).isEqualTo(old.substring(0, 15));
		assertThat(java.time.Instant.parse(listed.get("previousKeys").get(0).get("validUntil").asString()))
			.isEqualTo(ends);

		JsonNode ended = this.owner.delete("/v1/api-keys/" + id + "/previous-keys").data();
		assertThat(ended.get("previousKeys")).isEmpty();
		assertThat(verify(old)).isEqualTo("REVOKED");
		assertThat(verify(fresh)).isEqualTo("ACTIVE");
		String oldHash = ApiKeyFormat.sha256Hex(old);
		assertThat(EventCapture.await("apikeys.events",
				(event) -> event.get("type").asString().equals("ApiKeyGraceEnded")
						&& event.get("payload").get("hashes").get(0).asString().equals(oldHash),
				Duration.ofSeconds(30)))
			.hasSize(1);
	}

	@Test
	void revokingAKeyEndsItsOldSecretsGraceToo() {
		JsonNode key = this.owner.post("/v1/api-keys", Map.of("name", "rotating")).data();
		long id = key.get("id").asLong();
		String old = key.get("key").asString();
		String fresh = this.owner.post("/v1/api-keys/" + id + "/regenerate", Map.of("grace_period_seconds", 3600))
			.data()
			.get("key")
			.asString();
		this.owner.delete("/v1/api-keys/" + id);
		assertThat(verify(old)).isEqualTo("REVOKED");
		assertThat(verify(fresh)).isEqualTo("REVOKED");
		String oldHash = ApiKeyFormat.sha256Hex(old);
		assertThat(EventCapture.await("apikeys.events", (event) -> event.get("type").asString().equals("ApiKeyRevoked")
				&& event.get("payload").get("hashes").valueStream().anyMatch((h) -> h.asString().equals(oldHash)),
				Duration.ofSeconds(30)))
			.hasSize(1);
	}

	@Test
	void revokedByDeleteOrByPostAndAnnouncedOnKafka() {
		JsonNode first = this.owner.post("/v1/api-keys", Map.of("name", "one")).data();
		JsonNode second = this.owner.post("/v1/api-keys", Map.of("name", "two")).data();

		assertThat(this.owner.delete("/v1/api-keys/" + first.get("id").asLong()).data().get("isActive").asBoolean())
			.isFalse();
		assertThat(this.owner.post("/v1/api-keys/revoke", Map.of("id", second.get("id").asLong())).status())
			.isEqualTo(200);
		assertThat(verify(first.get("key").asString())).isEqualTo("REVOKED");
		assertThat(verify(second.get("key").asString())).isEqualTo("REVOKED");

		String hash = ApiKeyFormat.sha256Hex(first.get("key").asString());
		List<JsonNode> events = EventCapture
			.await("apikeys.events",
					(event) -> event.get("type").asString().equals("ApiKeyRevoked")
							&& event.get("payload").get("hashes").get(0).asString().equals(hash),
					Duration.ofSeconds(30));
		assertThat(events).hasSize(1);
		assertThat(events.get(0).get("tenantId").asLong()).isEqualTo(this.tenantId);
	}

	@Test
	void anotherTenantsKeyIs404AndMembersAndSandboxCredentialsCannotTouchLiveKeys() {
		long key = this.owner.post("/v1/api-keys", Map.of("name", "mine")).data().get("id").asLong();

		HttpJson stranger = http(TestSecrets.tenant(this.tenantId + 1, Environment.LIVE, this.ownerId));
		assertThat(stranger.get("/v1/api-keys").status()).as("not an admin of that tenant").isEqualTo(403);

		HttpJson sandbox = http(TestSecrets.tenant(this.tenantId, Environment.TEST, this.ownerId));
		assertThat(sandbox.delete("/v1/api-keys/" + key).status()).isEqualTo(403);
		assertThat(sandbox.post("/v1/api-keys", Map.of("name", "x", "environment", "live")).status()).isEqualTo(403);

		HttpJson unknownUser = http(TestSecrets.tenant(this.tenantId, Environment.LIVE, 424242L));
		assertThat(unknownUser.post("/v1/api-keys", Map.of("name", "x")).status()).isEqualTo(403);
		assertThat(this.owner.delete("/v1/api-keys/" + (key + 100_000)).status()).isEqualTo(404);
	}

	/**
	 * Issue 26: a member read the key list it may not change, while test keys were
	 * refused it. Administrative reads are the owners' and admins', with live
	 * credentials.
	 */
	@Test
	void administrativeReadsAreForOwnersAndAdminsWithLiveCredentials() {
		HttpJson.Response created = this.owner.post("/v1/users",
				Map.of("name", "Mo", "email", "mo" + this.tenantId + "@members.test", "role", "member"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		HttpJson member = http(TestSecrets.tenant(this.tenantId, Environment.LIVE, created.data().get("id").asLong()));
		HttpJson sandbox = http(TestSecrets.tenant(this.tenantId, Environment.TEST, this.ownerId));
		for (String path : java.util.List.of("/v1/api-keys", "/v1/users", "/v1/users/" + this.ownerId,
				"/v1/audit-log")) {
			assertThat(this.owner.get(path).status()).as(path).isEqualTo(200);
			HttpJson.Response refused = member.get(path);
			assertThat(refused.status()).as(path).isEqualTo(403);
			assertThat(refused.code()).isEqualTo("forbidden");
			assertThat(refused.body()).doesNotContain("keyPrefix").doesNotContain("mo" + this.tenantId);
			HttpJson.Response test = sandbox.get(path);
			assertThat(test.status()).as(path).isEqualTo(403);
			assertThat(test.code()).isEqualTo("sandbox_forbidden");
		}
	}

}
