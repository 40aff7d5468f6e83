package io.leadwire.e2e;

import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.leadwire.testing.HttpJson;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users, on-behalf-of, partners acting in client companies, and the audit log, through
 * the gateway.
 */
@Order(5)
class IdentityE2ETests {

	static RunningPlatform platform;

	static HttpJson globex;

	static HttpJson acme;

	static HttpJson partner;

	@BeforeAll
	static void start() throws Exception {
		platform = RunningPlatform.get();
		acme = platform.withKey(platform.tenant(0).get("liveKey").asString());
		globex = platform.withKey(platform.tenant(1).get("liveKey").asString());
		partner = platform.withKey(platform.credentials().get("partner").get("liveKey").asString());
	}

	@Test
	void ownerManagesUsersAndADuplicateEmailIs409() {
		HttpJson.Response created = globex.post("/v1/users",
				Map.of("name", "Mia Member", "email", "mia@globex.example", "role", "member"));
		assertThat(created.status()).isEqualTo(201);
		String id = created.data().get("id").asString();
		assertThat(created.data().get("role").asString()).isEqualTo("member");

		HttpJson.Response duplicate = globex.post("/v1/users", Map.of("name", "Mia", "email", "MIA@globex.example"));
		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.code()).isEqualTo("duplicate_email");

		assertThat(globex.get("/v1/users/" + id).data().get("email").asString()).isEqualTo("mia@globex.example");
		assertThat(acme.get("/v1/users/" + id).status()).isEqualTo(404);
		assertThat(globex.post("/v1/users", Map.of("name", "X", "email", "nope")).status()).isEqualTo(422);
		assertThat(globex.delete("/v1/users/" + id).status()).isEqualTo(200);
		assertThat(globex.get("/v1/users/" + id).status()).isEqualTo(404);
	}

	@Test
	void onBehalfOfAUserOfTheTenantRunsAsThatUserAndIsAudited() {
		String member = globex.post("/v1/users", Map.of("name", "Otto", "email", "otto@globex.example"))
			.data()
			.get("id")
			.asString();
		HttpJson asOtto = globex.header("X-On-Behalf-Of", member);

		HttpJson.Response created = asOtto.post("/v1/leads", Map.of("name", "Via Otto", "email", "via@otto.example"));
		assertThat(created.status()).isEqualTo(201);
		// A member cannot manage keys: the acting user's role is what counts.
		assertThat(asOtto.post("/v1/api-keys", Map.of("name", "x")).status()).isEqualTo(403);

		String owner = platform.tenant(1).get("ownerUserId").asString();
		JsonNode entry = awaitAuditEntry(globex, "/v1/leads", member);
		assertThat(entry.get("userId").asString()).isEqualTo(owner);
		assertThat(entry.get("actingUserId").asString()).isEqualTo(member);
		assertThat(entry.get("method").asString()).isEqualTo("POST");
		assertThat(entry.get("status").asInt()).isEqualTo(201);
	}

	@Test
	void onBehalfOfAnUnknownOrForeignUserIs403() {
		String foreign = platform.tenant(0).get("ownerUserId").asString();
		for (String user : new String[] { foreign, "garbage", platform.ids().encode(999_999_999L) }) {
			HttpJson.Response response = globex.header("X-On-Behalf-Of", user).get("/v1/leads");
			assertThat(response.status()).as(user).isEqualTo(403);
			assertThat(response.code()).isEqualTo("forbidden_on_behalf_of");
		}
	}

	@Test
	void partnerActsInItsClientCompanyAndNowhereElse() {
		JsonNode contoso = platform.credentials().get("partner").get("companies").get(0);
		String company = contoso.get("id").asString();

		JsonNode companies = partner.get("/v1/companies").data();
		assertThat(companies.get(0).get("id").asString()).isEqualTo(company);
		assertThat(companies.get(0).get("connections").isArray()).isTrue();

		HttpJson inContoso = partner.header("X-Company-Id", company);
		String lead = inContoso.post("/v1/leads", Map.of("name", "Contoso lead", "email", "c@contoso.example"))
			.data()
			.get("id")
			.asString();
		assertThat(partner.header("companyid", company).get("/v1/leads/" + lead).status()).isEqualTo(200);
		assertThat(partner.get("/v1/leads/" + lead).status()).isEqualTo(404);
		assertThat(inContoso.get("/v1/leads/" + lead).data().get("tenantId").asString()).isEqualTo(company);

		String acmeId = platform.tenant(0).get("id").asString();
		HttpJson.Response notManaged = partner.header("X-Company-Id", acmeId).get("/v1/leads");
		assertThat(notManaged.status()).isEqualTo(403);
		assertThat(notManaged.code()).isEqualTo("forbidden_company");
		assertThat(acme.header("X-Company-Id", company).get("/v1/leads").status()).isEqualTo(403);
	}

	@Test
	void partnerOnboardsCompaniesAndListsWhereItMayAct() {
		HttpJson.Response onboarded = partner.post("/v1/companies", Map.of("name", "Initech", "plan", "starter"));
		assertThat(onboarded.status()).isEqualTo(201);
		String initech = onboarded.data().get("id").asString();

		JsonNode accounts = partner.get("/v1/accounts/companies").data();
		assertThat(accounts.get(0).get("id").asString())
			.isEqualTo(platform.credentials().get("partner").get("id").asString());
		assertThat(accounts.get(0).get("_id").asString()).isEqualTo(accounts.get(0).get("id").asString());
		assertThat(accounts.findValuesAsString("id")).contains(initech);
		assertThat(partner.header("X-Company-Id", initech).get("/v1/leads").status()).isEqualTo(200);

		assertThat(acme.post("/v1/companies", Map.of("name", "Nope")).status()).isEqualTo(403);
		assertThat(acme.get("/v1/accounts/companies").data().size()).isEqualTo(1);
	}

	@Test
	void auditLogIsPagedAndFiltered() {
		globex.post("/v1/leads", Map.of("name", "Audited", "email", "audited@globex.example"));
		JsonNode entry = awaitAuditEntry(globex, "/v1/leads", null);
		assertThat(entry.get("keyId").asString()).matches("[A-Za-z0-9]{16,17}");

		HttpJson.Response page = globex.get("/v1/audit-log?limit=1&path=/v1/leads");
		assertThat(page.data().size()).isEqualTo(1);
		assertThat(page.json().get("meta").get("pagination").get("total").asLong()).isGreaterThanOrEqualTo(1);
		assertThat(globex.get("/v1/audit-log?path=/v1/nothing-here").data().size()).isZero();
		assertThat(globex.get("/v1/audit-log?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z").data().size())
			.isZero();
		assertThat(acme.get("/v1/audit-log?path=/v1/leads").body()).doesNotContain("audited@globex");
	}

	private static JsonNode awaitAuditEntry(HttpJson client, String path, String actingUser) {
		String query = "/v1/audit-log?path=" + path + ((actingUser != null) ? "&userId=" + actingUser : "");
		return Awaitility.await()
			.atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> client.get(query).data(), (entries) -> entries.size() > 0)
			.get(0);
	}

}
