package io.leadwire.e2e;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.leadwire.testing.HttpJson;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's traffic control against the real platform: older clients' paths, method
 * overrides and snake_case names, idempotency keys, and the usage endpoint.
 */
@Order(7)
class TrafficControlE2ETests {

	static RunningPlatform platform;

	static HttpJson acme;

	static HttpJson globex;

	@BeforeAll
	static void start() throws Exception {
		platform = RunningPlatform.get();
		acme = platform.withKey(platform.tenant(0).get("liveKey").asString());
		globex = platform.withKey(platform.tenant(1).get("liveKey").asString());
	}

	@Test
	void anOlderClientCreatesAndUpdatesALeadWithOnlyTheHostChanged() {
		HttpJson.Response created = acme.post("/public/api/v1/leads",
				Map.of("first_name", "Ada", "last_name", "Lovelace", "email", "ada@acme.example"));
		assertThat(created.status()).isEqualTo(201);
		String id = created.data().get("id").asString();
		assertThat(id).matches("[A-Za-z0-9]{16,17}");
		assertThat(created.data().get("firstName").asString()).isEqualTo("Ada");

		String owner = platform.tenant(0).get("ownerUserId").asString();
		HttpJson.Response updated = acme.post("/api/leads/" + id,
				Map.of("_method", "PUT", "score", 42, "assigned_to", owner));
		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.data().get("score").asInt()).isEqualTo(42);
		assertThat(updated.data().get("assignedTo").asString()).isEqualTo(owner);
		assertThat(updated.data().get("firstName").asString()).as("PUT changes only what is sent").isEqualTo("Ada");

		HttpJson.Response overridden = acme.header("X-HTTP-Method-Override", "PATCH")
			.post("/api/v1/leads/" + id, Map.of("status", "contacted"));
		assertThat(overridden.data().get("status").asString()).isEqualTo("contacted");
		assertThat(acme.get("/api/v1/leads/" + id).data().get("score").asInt()).isEqualTo(42);
	}

	@Test
	void aRetriedCreateWithAnIdempotencyKeyMakesOneLead() {
		String key = UUID.randomUUID().toString();
		String email = "once-" + key + "@acme.example";
		HttpJson.Response first = acme.header("Idempotency-Key", key).post("/v1/leads", Map.of("email", email));
		HttpJson.Response retry = acme.header("Idempotency-Key", key).post("/v1/leads", Map.of("email", email));
		assertThat(first.status()).isEqualTo(201);
		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(retry.data().get("id").asString()).isEqualTo(first.data().get("id").asString());
		assertThat(acme.get("/v1/leads?q=" + email).data().size()).isEqualTo(1);

		HttpJson.Response reused = acme.header("Idempotency-Key", key)
			.post("/v1/leads", Map.of("email", "other-" + email));
		assertThat(reused.status()).isEqualTo(422);
		assertThat(reused.code()).isEqualTo("idempotency_key_reused");

		HttpJson.Response otherTenant = globex.header("Idempotency-Key", key).post("/v1/leads", Map.of("email", email));
		assertThat(otherTenant.status()).isEqualTo(201);
		assertThat(otherTenant.header("Idempotent-Replayed")).isNull();
	}

	@Test
	void usageShowsThePlanAndTheRemainingBudget() {
		JsonNode usage = globex.get("/v1/usage").data();
		assertThat(usage.get("plan").asString()).isEqualTo("professional");
		assertThat(usage.get("minute").get("remaining").asInt()).isPositive();
		assertThat(usage.get("day").get("remaining").asLong()).isPositive();
		assertThat(usage.get("scopes").has("key")).isTrue();
		assertThat(usage.get("scopes").has("tenant")).isTrue();
	}

	@Test
	void accountsCompaniesAnswersOnTheOlderPath() {
		HttpJson partner = platform.withKey(platform.credentials().get("partner").get("liveKey").asString());
		// AgencyHandy's client: const companyId = response.companies[0]._id;
		JsonNode answer = partner.get("/accounts/companies").json();
		assertThat(answer.get("message").asString()).isEqualTo("Companies associated with API token.");
		JsonNode companies = answer.get("companies");
		assertThat(companies.size()).isGreaterThanOrEqualTo(2);
		String companyId = companies.get(0).get("_id").asString();
		assertThat(companyId).matches("[A-Za-z0-9]{16,17}");
		for (JsonNode company : companies) {
			assertThat(company.propertyNames()).containsExactlyInAnyOrder("_id", "name", "logo", "extraSmallLogo",
					"largeLogo");
		}
		// … then passes it as the companyid header in every later call
		String clientCompany = companies.get(1).get("_id").asString();
		HttpJson.Response inClient = partner.header("companyid", clientCompany).get("/v1/contacts");
		assertThat(inClient.status()).isEqualTo(200);
		// the v1 path keeps the envelope
		JsonNode v1 = platform.withKey(platform.credentials().get("partner").get("liveKey").asString())
			.get("/v1/accounts/companies")
			.data();
		assertThat(v1.get(0).get("_id").asString()).isEqualTo(companyId);
		assertThat(v1.get(0).get("id").asString()).isEqualTo(companyId);
	}

}
