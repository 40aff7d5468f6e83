package io.leadwire.apikey;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import io.leadwire.apikey.plan.PlanDefinition;
import io.leadwire.apikey.plan.Plans;
import io.leadwire.common.apikey.ApiKeyFormat;
import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.testing.EventCapture;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;
import io.leadwire.testing.TestSecrets;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plans are data platform administrators manage, seeded with the contract's four and
 * Leadron's; a tenant may have its own limits; every change is announced for the
 * gateways.
 */
@ServiceTest
class PlanAdministrationTests {

	@LocalServerPort
	int port;

	@Autowired
	MongoOperations mongo;

	@Autowired
	Plans plans;

	HttpJson admin;

	@BeforeEach
	void setUp() {
		this.admin = http(TestSecrets.platformAdmin());
	}

	HttpJson http(String context) {
		return new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER, context);
	}

	private static JsonNode named(JsonNode plans, String name) {
		return plans.valueStream()
			.filter((plan) -> plan.get("name").asString().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no plan " + name));
	}

	@Test
	void theContractsPlansAndLeadronsAreThereFromTheStart() {
		JsonNode plans = this.admin.get("/v1/admin/plans").data();
		assertThat(named(plans, "free").get("perMinute").asInt()).isEqualTo(10);
		assertThat(named(plans, "free").get("perDay").asInt()).isEqualTo(500);
		assertThat(named(plans, "professional").get("burst").asInt()).isEqualTo(100);
		assertThat(named(plans, "enterprise").get("perDay").asInt()).isEqualTo(500_000);
		JsonNode leadronFree = named(plans, "leadron-free");
		assertThat(leadronFree.get("perMinute").asInt()).isEqualTo(60);
		assertThat(leadronFree.get("burst").asInt()).isEqualTo(10);
		assertThat(named(plans, "pro").get("perMinute").asInt()).isEqualTo(1_000);
		assertThat(named(plans, "team").get("perMinute").asInt()).isEqualTo(5_000);
		assertThat(named(plans, "team").get("burst").asInt()).isEqualTo(500);
	}

	/**
	 * A gateway that reads the table while this service starts, before the starting plans
	 * are written, gets them all the same (it would otherwise hold an empty table, and
	 * the configured defaults, until its next refresh).
	 */
	@Test
	void theTableHoldsTheStartingPlansBeforeTheyAreWritten() {
		this.mongo.remove(Query.query(Criteria.where("_id").is("team")), PlanDefinition.class);
		try {
			JsonNode table = http(TestSecrets.system()).get("/internal/plans").data();
			JsonNode team = named(table.get("plans"), "team");
			assertThat(team.get("limits").get("perMinute").asInt()).isEqualTo(5_000);
			assertThat(team.get("limits").get("burst").asInt()).isEqualTo(500);
			assertThat(named(this.admin.get("/v1/admin/plans").data(), "team").get("perMinute").asInt())
				.isEqualTo(5_000);
		}
		finally {
			this.plans.run(null);
		}
		assertThat(this.mongo.findById("team", PlanDefinition.class)).isNotNull();
	}

	@Test
	void aPlanChangeIsConditionalOnItsRevisionAndAnnounced() {
		HttpJson.Response current = this.admin.get("/v1/admin/plans/leadron-starter");
		String etag = current.header("ETag");
		HttpJson.Response changed = this.admin.header("If-Match", etag)
			.put("/v1/admin/plans/leadron-starter",
					Map.of("display_name", "Starter (Leadron)", "per_minute", 350, "burst", 35, "per_day", 504_000));
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.data().get("perMinute").asInt()).isEqualTo(350);
		assertThat(changed.data().get("revision").asLong()).isEqualTo(current.data().get("revision").asLong() + 1);

		HttpJson.Response stale = this.admin.header("If-Match", etag)
			.put("/v1/admin/plans/leadron-starter", Map.of("perMinute", 1, "burst", 1, "perDay", 1));
		assertThat(stale.status()).as("another change came first").isEqualTo(412);
		assertThat(this.admin.get("/v1/admin/plans/leadron-starter").data().get("perMinute").asInt()).isEqualTo(350);

		assertThat(EventCapture.await("apikeys.events",
				(event) -> event.get("type").asString().equals("PlanChanged")
						&& event.get("payload").get("plan").asString().equals("leadron-starter"),
				Duration.ofSeconds(30)))
			.isNotEmpty();
	}

	@Test
	void aNewPlanCanBeGivenToATenantAndBadOnesAre422() {
		assertThat(
				this.admin.put("/v1/admin/plans/agency-gold", Map.of("perMinute", 2_000, "burst", 5_000, "perDay", 1))
					.status())
			.as("burst above the rate")
			.isEqualTo(422);
		assertThat(this.admin.put("/v1/admin/plans/GoldPlan", Map.of("perMinute", 1, "burst", 1, "perDay", 1)).status())
			.isEqualTo(422);
		assertThat(
				this.admin.put("/v1/admin/plans/agency-gold", Map.of("perMinute", 0, "burst", 1, "perDay", 1)).status())
			.isEqualTo(422);
		assertThat(this.admin
			.put("/v1/admin/plans/agency-gold",
					Map.of("displayName", "Agency Gold", "perMinute", 2_000, "burst", 200, "perDay", 1_000_000))
			.status()).isEqualTo(200);

		JsonNode tenant = this.admin
			.post("/v1/admin/tenants",
					Map.of("name", "Gold Agency", "plan", "agency-gold", "ownerName", "G", "ownerEmail", "g@gold.test"))
			.data();
		assertThat(tenant.get("plan").asString()).isEqualTo("agency-gold");
		assertThat(http(TestSecrets.system())
			.post("/internal/keys/verify", Map.of("hash", ApiKeyFormat.sha256Hex(tenant.get("liveKey").asString())))
			.data()
			.get("plan")
			.asString()).isEqualTo("agency-gold");
		assertThat(this.admin.put("/v1/admin/tenants/" + tenant.get("id").asLong() + "/plan", Map.of("plan", "nope"))
			.status()).isEqualTo(422);
	}

	@Test
	void anEnterpriseTenantsOwnLimitsReplaceItsPlansForTheGatewaysAndItsKeys() {
		JsonNode tenant = this.admin
			.post("/v1/admin/tenants",
					Map.of("name", "Big Corp", "plan", "enterprise", "ownerName", "B", "ownerEmail", "b@big.test"))
			.data();
		long id = tenant.get("id").asLong();
		JsonNode limits = this.admin
			.put("/v1/admin/tenants/" + id + "/limits", Map.of("per_minute", 3_000, "burst", 600, "per_day", 2_000_000))
			.data();
		assertThat(limits.get("plan").asString()).isEqualTo("enterprise");
		assertThat(limits.get("effective").get("perMinute").asInt()).isEqualTo(3_000);

		HttpJson.Response answer = http(TestSecrets.system()).get("/internal/plans");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		JsonNode table = answer.data();
		JsonNode override = table.get("overrides")
			.valueStream()
			.filter((each) -> each.get("tenantId").asLong() == id)
			.findFirst()
			.orElseThrow();
		assertThat(override.get("limits").get("burst").asInt()).isEqualTo(600);
		assertThat(table.get("plans").size()).isGreaterThanOrEqualTo(8);
		assertThat(EventCapture.await("apikeys.events",
				(event) -> event.get("type").asString().equals("TenantLimitsChanged")
						&& event.get("tenantId").asLong() == id,
				Duration.ofSeconds(30)))
			.isNotEmpty();

		// its keys may now be given up to its own limits, above the plan's 1,000/min
		HttpJson owner = http(TestSecrets.tenant(id, Environment.LIVE, tenant.get("ownerUserId").asLong()));
		assertThat(owner.post("/v1/api-keys", Map.of("name", "fast", "rateLimitPerMinute", 2_500)).status())
			.isEqualTo(201);

		JsonNode cleared = this.admin.delete("/v1/admin/tenants/" + id + "/limits").data();
		assertThat(cleared.get("limits").isNull()).isTrue();
		assertThat(cleared.get("effective").get("perMinute").asInt()).isEqualTo(1_000);
		assertThat(http(TestSecrets.system()).get("/internal/plans")
			.data()
			.get("overrides")
			.valueStream()
			.noneMatch((each) -> each.get("tenantId").asLong() == id)).isTrue();
	}

	@Test
	void onlyPlatformAdministratorsManagePlansAndOnlyGatewaysReadTheTable() {
		HttpJson tenant = http(TestSecrets.tenant(1_000_001L, Environment.LIVE));
		assertThat(tenant.get("/v1/admin/plans").status()).isEqualTo(403);
		assertThat(tenant.put("/v1/admin/plans/free", Map.of("perMinute", 1_000, "burst", 1_000, "perDay", 1)).status())
			.isEqualTo(403);
		assertThat(tenant.get("/internal/plans").status()).isEqualTo(403);
	}

}
