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

	/** Anyone of the tenant reads who they are and their role; nobody reads another. */
	@Test
	void eachUserReadsThemselvesWithTheirRoleAndTestCredentialsToo() {
		JsonNode tenant = this.admin
			.post("/v1/admin/tenants",
					Map.of("name", "Initech", "plan", "starter", "ownerName", "Bill", "ownerEmail",
							"bill@initech.test"))
			.data();
		long tenantId = tenant.get("id").asLong();
		long ownerId = tenant.get("ownerUserId").asLong();
		HttpJson owner = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenantId, Environment.LIVE, ownerId));
		long memberId = owner
			.post("/v1/users", Map.of("name", "Milton", "email", "milton@initech.test", "role", "member"))
			.data()
			.get("id")
			.asLong();
		HttpJson member = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenantId, Environment.LIVE, memberId));
		HttpJson.Response me = member.get("/v1/users/me");
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.data().get("email").asString()).isEqualTo("milton@initech.test");
		assertThat(me.data().get("role").asString()).isEqualToIgnoringCase("member");
		assertThat(member.get("/v1/users").status()).as("the list stays the admins'").isEqualTo(403);
		assertThat(owner.get("/v1/users/me").data().get("role").asString()).isEqualToIgnoringCase("owner");
		HttpJson testMember = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenantId, Environment.TEST, memberId));
		assertThat(testMember.get("/v1/users/me").status()).isEqualTo(200);
		// A user id of another tenant is nobody here.
		HttpJson stranger = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenantId + 1, Environment.LIVE, memberId));
		assertThat(stranger.get("/v1/users/me").status()).isEqualTo(404);
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
	void platformAdministrationRefusesOtherCredentialsBeforeReadingTheBody() {
		HttpJson tenant = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(5L, Environment.LIVE));
		for (Object body : new Object[] { Map.of(), "{not json", Map.of("name", 42) }) {
			HttpJson.Response response = tenant.post("/v1/admin/tenants", body);
			assertThat(response.status()).as(body.toString()).isEqualTo(403);
			assertThat(response.code()).isEqualTo("forbidden");
			assertThat(response.json().path("errors").isMissingNode() || response.json().get("errors").isEmpty())
				.as("no field of the request is described")
				.isTrue();
		}
	}

	@Test
	void sandboxCredentialsCannotAdministerTheTenantAnd403() {
		HttpJson sandbox = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(7L, Environment.TEST));
		HttpJson.Response[] refused = { sandbox.get("/v1/api-keys"),
				sandbox.post("/v1/api-keys", Map.of("name", "ci", "environment", "live")),
				sandbox.post("/v1/api-keys", Map.of()), sandbox.post("/v1/api-keys/1000001/regenerate", Map.of()),
				sandbox.delete("/v1/api-keys/1000001"), sandbox.post("/v1/api-keys/revoke", Map.of("id", 1000001)),
				sandbox.post("/v1/users", Map.of("name", "Eve", "email", "eve@acme.test", "role", "admin")),
				sandbox.delete("/v1/users/1000001"), sandbox.post("/v1/companies", Map.of("name", "Shell Co")) };
		for (HttpJson.Response response : refused) {
			assertThat(response.status()).as(response.raw().uri().toString()).isEqualTo(403);
			assertThat(response.code()).isEqualTo("sandbox_forbidden");
		}
		assertThat(sandbox.get("/v1/users").code()).as("administrative reads too").isEqualTo("sandbox_forbidden");
	}

	@Test
	void controlCharactersInARecordBoundBodyAre422NamingTheField() {
		HttpJson.Response response = this.admin.post("/v1/admin/tenants",
				Map.of("name", "Acme\u0000Evil", "plan", "free", "ownerName", "Ada", "ownerEmail", "ada@nul.test"));
		assertThat(response.status()).isEqualTo(422);
		assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
	}

	@Test
	void requestWithoutSignedContextIs401() {
		HttpJson.Response response = new HttpJson("http://127.0.0.1:" + this.port).post("/v1/admin/tenants",
				Map.of("name", "X", "plan", "free", "ownerName", "X", "ownerEmail", "x@x.test"));
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.code()).isEqualTo("missing_context");
	}

	@Test
	void unknownPlanAndBadEmailAre422() {
		HttpJson.Response plan = this.admin.post("/v1/admin/tenants",
				Map.of("name", "X", "plan", "platinum", "ownerName", "X", "ownerEmail", "x@x.test"));
		assertThat(plan.status()).isEqualTo(422);
		assertThat(plan.json().get("errors").get(0).get("field").asString()).isEqualTo("plan");

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
