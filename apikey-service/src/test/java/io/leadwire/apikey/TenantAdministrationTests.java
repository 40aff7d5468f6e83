package io.leadwire.apikey;

import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.leadwire.common.apikey.ApiKeyFormat;
import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;
import io.leadwire.testing.TestSecrets;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceTest
class TenantAdministrationTests {

	@LocalServerPort
	int port;

	@Autowired
	MongoTemplate mongo;

	HttpJson admin;

	@BeforeEach
	void setUp() {
		this.admin = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.platformAdmin());
	}

	@Test
	void createdTenantGetsOwnerAndOneKeyPerEnvironmentShownOnce() {
		HttpJson.Response response = this.admin.post("/v1/admin/tenants",
				Map.of("name", "Acme", "plan", "free", "ownerName", "Ada", "ownerEmail", "ada@acme.test"));

		assertThat(response.status()).isEqualTo(201);
		JsonNode data = response.data();
		assertThat(data.get("plan").asString()).isEqualTo("free");
		String liveKey = data.get("liveKey").asString();
		String testKey = data.get("testKey").asString();
		assertThat(ApiKeyFormat.parse(liveKey)).isEqualTo(Environment.LIVE);
		assertThat(ApiKeyFormat.parse(testKey)).isEqualTo(Environment.TEST);
		assertThat(data.get("ownerUserId").isIntegralNumber()).isTrue();

		for (Document stored : this.mongo.getCollection("api_keys").find()) {
			assertThat(stored.toJson()).doesNotContain(liveKey).doesNotContain(testKey);
		}
		Document live = this.mongo.getCollection("api_keys")
			.find(new Document("hash", ApiKeyFormat.sha256Hex(liveKey)))
			.first();
		assertThat(live).isNotNull();
		assertThat(live.getString("keyPrefix")).isEqualTo(liveKey.substring(0, 15));
	}

	@Test
	void tenantCredentialsCannotCreateTenantsAnd403() {
		HttpJson tenant = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(5L, Environment.LIVE));
		HttpJson.Response response = tenant.post("/v1/admin/tenants",
				Map.of("name", "Evil", "plan", "enterprise", "ownerName", "E", "ownerEmail", "e@evil.test"));
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.code()).isEqualTo("forbidden");
	}

	@Test
	void requestWithoutSignedContextIs401() {
		HttpJson.Response response = new HttpJson("http://127.0.0.1:" + this.port).post("/v1/admin/tenants",
				Map.of("name", "X", "plan", "free", "ownerName", "X", "ownerEmail", "x@x.test"));
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.code()).isEqualTo("missing_context");
	}

	@Test
	void unknownPlanIs400AndBadEmailIs422() {
		HttpJson.Response plan = this.admin.post("/v1/admin/tenants",
				Map.of("name", "X", "plan", "platinum", "ownerName", "X", "ownerEmail", "x@x.test"));
		assertThat(plan.status()).isEqualTo(400);
		assertThat(plan.code()).isEqualTo("bad_request");

		HttpJson.Response email = this.admin.post("/v1/admin/tenants",
				Map.of("name", "X", "plan", "free", "ownerName", "X", "ownerEmail", "not-an-email"));
		assertThat(email.status()).isEqualTo(422);
		assertThat(email.json().get("errors").get(0).get("field").asString()).isEqualTo("ownerEmail");
	}

	@Test
	void clientCompanyMustNameAnExistingPartner() {
		HttpJson.Response response = this.admin.post("/v1/admin/tenants", Map.of("name", "Client", "plan", "free",
				"ownerName", "C", "ownerEmail", "c@client.test", "partnerId", 424242));
		assertThat(response.status()).isEqualTo(422);

		long partnerId = this.admin
			.post("/v1/admin/tenants", Map.of("name", "Agency", "plan", "professional", "partner", true, "ownerName",
					"P", "ownerEmail", "p@agency.test"))
			.data()
			.get("id")
			.asLong();
		HttpJson.Response client = this.admin.post("/v1/admin/tenants", Map.of("name", "Client", "plan", "free",
				"ownerName", "C", "ownerEmail", "c@client.test", "partner_id", partnerId));
		assertThat(client.status()).isEqualTo(201);
		assertThat(client.data().get("partnerId").asLong()).isEqualTo(partnerId);
	}

}
