package io.leadwire.leads;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;
import io.leadwire.testing.TestSecrets;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceTest
class LeadCrudTests {

	@LocalServerPort
	int port;

	long tenant;

	HttpJson live;

	@BeforeEach
	void setUp() {
		this.tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		this.live = as(this.tenant, Environment.LIVE);
	}

	HttpJson as(long tenantId, Environment environment) {
		return new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenantId, environment));
	}

	@Test
	void createWithPhoneOnlyIs201WithDocumentedDefaults() {
		HttpJson.Response response = this.live.post("/v1/leads", Map.of("phone", "+1 (650) 253-0000"));

		assertThat(response.status()).isEqualTo(201);
		JsonNode lead = response.data();
		assertThat(lead.get("name").asString()).isEqualTo("Unknown");
		assertThat(lead.get("phone").asString()).isEqualTo("+16502530000");
		assertThat(lead.get("score").asInt()).isZero();
		assertThat(lead.get("status").asString()).isEqualTo("new");
		assertThat(lead.get("source").asString()).isEqualTo("api");
		assertThat(lead.get("websiteStatus").asString()).isEqualTo("UNCHECKED");
		assertThat(lead.get("tenantId").asLong()).isEqualTo(this.tenant);
		assertThat(lead.has("environment")).isFalse();
		assertThat(lead.get("createdAt").asString()).endsWith("Z");
	}

	@Test
	void nameComesFromFirstAndLastNameAndSnakeCaseIsAccepted() {
		JsonNode lead = this.live
			.post("/v1/leads", Map.of("first_name", "Ada", "last_name", "Lovelace", "email", "ADA@Example.com"))
			.data();
		assertThat(lead.get("name").asString()).isEqualTo("Ada Lovelace");
		assertThat(lead.get("firstName").asString()).isEqualTo("Ada");
		assertThat(lead.get("email").asString()).isEqualTo("ada@example.com");
	}

	@Test
	void leadWithoutPhoneOrEmailIs422() {
		HttpJson.Response response = this.live.post("/v1/leads", Map.of("name", "Nobody"));
		assertThat(response.status()).isEqualTo(422);
		assertThat(response.code()).isEqualTo("validation_failed");
		assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("phone");
	}

	@Test
	void badInputIs4xxInTheEnvelopeNever5xx() {
		Map<Object, Integer> cases = new HashMap<>();
		cases.put(Map.of("phone", "12"), 422);
		cases.put(Map.of("email", "not-an-email"), 422);
		cases.put(Map.of("email", "a@b.co", "score", 101), 422);
		cases.put(Map.of("email", "a@b.co", "score", "high"), 400);
		cases.put(Map.of("email", "a@b.co", "status", "won"), 400);
		cases.put(Map.of("email", "a@b.co", "websiteStatus", "MAYBE"), 400);
		cases.put(Map.of("email", "a@b.co", "name", "x".repeat(1_000_000)), 400);
		cases.put(Map.of("email", "a@b.co", "customFields", Map.of("$where", "1")), 422);
		cases.put(Map.of("email", "a@b.co", "customFields", Map.of("nested", Map.of("a", 1))), 422);
		cases.put(Map.of("email", "a@b.co", "customFields", "text"), 400);
		cases.put(Map.of("email", "a@b.co", "website", "javascript:alert(1)"), 422);
		cases.put(Map.of("email", "a@b.co", "assignedTo", "someone"), 400);
		cases.put("{\"email\": ", 400);
		cases.put("[1,2,3]", 400);
		cases.put("\"just a string\"", 400);
		cases.forEach((body, status) -> {
			HttpJson.Response response = this.live.post("/v1/leads", body);
			assertThat(response.status()).as("%s", abbreviate(body)).isEqualTo(status);
			assertThat(response.json().get("success").asBoolean()).isFalse();
			assertThat(response.code()).isNotBlank();
			assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
		});
		HttpJson.Response tooMany = this.live.post("/v1/leads",
				Map.of("email", "a@b.co", "customFields", manyFields(51)));
		assertThat(tooMany.status()).isEqualTo(422);
	}

	@Test
	void wrongTypesAndUnknownValuesAre400NamingTheField() {
		Map<Map<String, Object>, String> cases = new java.util.LinkedHashMap<>();
		cases.put(Map.of("email", "a@b.co", "score", "high"), "score");
		cases.put(Map.of("email", "a@b.co", "status", "won"), "status");
		cases.put(Map.of("email", "a@b.co", "website_status", "MAYBE"), "websiteStatus");
		cases.put(Map.of("email", "a@b.co", "customFields", List.of(1, 2)), "customFields");
		cases.forEach((body, field) -> {
			HttpJson.Response response = this.live.post("/v1/leads", body);
			assertThat(response.status()).as(body.toString()).isEqualTo(400);
			assertThat(response.json().get("errors").get(0).get("field").asString()).as(body.toString())
				.isEqualTo(field);
		});
	}

	@Test
	void controlCharactersInTextFieldsAre422NamingTheField() {
		for (Map<String, Object> body : List.of(Map.<String, Object>of("email", "a@b.co", "name", "Ada\u0000Lovelace"),
				Map.<String, Object>of("email", "a@b.co", "customFields", Map.of("crm\u0007", "x")),
				Map.<String, Object>of("email", "a@b.co", "customFields", Map.of("note", "bell\u0007")))) {
			HttpJson.Response response = this.live.post("/v1/leads", body);
			assertThat(response.status()).as(body.toString()).isEqualTo(422);
			assertThat(response.json().get("errors").get(0).get("message").asString()).contains("control characters");
		}
		HttpJson.Response named = this.live.post("/v1/leads", Map.of("email", "a@b.co", "name", "Ada\u0000"));
		assertThat(named.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
		assertThat(this.live.post("/v1/leads", Map.of("email", "a@b.co", "name", "Ada\tLovelace\n")).status())
			.isEqualTo(201);
	}

	@Test
	void aMatrixParameterNeverReachesALead() {
		long id = this.live.post("/v1/leads", Map.of("email", "matrix@example.com")).data().get("id").asLong();
		assertThat(this.live.get("/v1/leads/" + id).status()).isEqualTo(200);
		HttpJson.Response response = this.live.get("/v1/leads/" + id + ";x=1");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.code()).isEqualTo("not_found");
	}

	@Test
	void leadIsInvisibleToTheOtherEnvironmentAndToOtherTenants() {
		long id = this.live.post("/v1/leads", Map.of("email", "iso@example.com")).data().get("id").asLong();

		assertThat(this.live.get("/v1/leads/" + id).status()).isEqualTo(200);
		for (HttpJson other : new HttpJson[] { as(this.tenant, Environment.TEST),
				as(this.tenant + 1, Environment.LIVE) }) {
			assertThat(other.get("/v1/leads/" + id).status()).isEqualTo(404);
			assertThat(other.patch("/v1/leads/" + id, Map.of("name", "Stolen")).status()).isEqualTo(404);
			assertThat(other.delete("/v1/leads/" + id).status()).isEqualTo(404);
			assertThat(other.get("/v1/leads").json().get("meta").get("pagination").get("total").asLong()).isZero();
		}
		assertThat(this.live.get("/v1/leads/" + id).data().get("name").asString()).isEqualTo("Unknown");
	}

	@Test
	void putAndPatchChangeOnlyTheFieldsSentAndNullClears() {
		long id = this.live.post("/v1/leads", Map.of("email", "p@example.com", "phone", "+442071838750", "score", 10))
			.data()
			.get("id")
			.asLong();

		JsonNode patched = this.live.patch("/v1/leads/" + id, Map.of("status", "contacted")).data();
		assertThat(patched.get("status").asString()).isEqualTo("contacted");
		assertThat(patched.get("score").asInt()).isEqualTo(10);
		assertThat(patched.get("email").asString()).isEqualTo("p@example.com");

		JsonNode put = this.live.put("/v1/leads/" + id, "{\"email\": null, \"score\": 55}").data();
		assertThat(put.get("email").isNull()).isTrue();
		assertThat(put.get("phone").asString()).isEqualTo("+442071838750");
		assertThat(put.get("score").asInt()).isEqualTo(55);

		JsonNode legacy = this.live.post("/v1/leads/" + id, Map.of("_method", "PUT", "qualifier", "QUALIFIED")).data();
		assertThat(legacy.get("qualifier").asString()).isEqualTo("QUALIFIED");
		assertThat(this.live.post("/v1/leads/" + id, Map.of("name", "x")).status()).isEqualTo(405);

		HttpJson.Response clearingBoth = this.live.patch("/v1/leads/" + id, "{\"phone\": null}");
		assertThat(clearingBoth.status()).isEqualTo(422);
	}

	@Test
	void deleteRemovesTheLead() {
		long id = this.live.post("/v1/leads", Map.of("email", "d@example.com")).data().get("id").asLong();
		assertThat(this.live.delete("/v1/leads/" + id).status()).isEqualTo(200);
		assertThat(this.live.get("/v1/leads/" + id).status()).isEqualTo(404);
		assertThat(this.live.delete("/v1/leads/" + id).status()).isEqualTo(404);
	}

	@Test
	void listPagesFiltersAndBoundsTheLimit() {
		for (int i = 0; i < 7; i++) {
			this.live.post("/v1/leads", Map.of("email", "l" + i + "@example.com", "name", "Lead " + i, "status",
					(i % 2 == 0) ? "new" : "contacted", "websiteStatus", (i == 3) ? "WORKING" : "UNCHECKED"));
		}
		HttpJson.Response page = this.live.get("/v1/leads?page=2&limit=3");
		assertThat(page.data().size()).isEqualTo(3);
		JsonNode pagination = page.json().get("meta").get("pagination");
		assertThat(pagination.get("total").asLong()).isEqualTo(7);
		assertThat(pagination.get("totalPages").asLong()).isEqualTo(3);
		assertThat(pagination.get("page").asInt()).isEqualTo(2);

		assertThat(this.live.get("/v1/leads?status=contacted").data().size()).isEqualTo(3);
		assertThat(this.live.get("/v1/leads?status=WORKING").data().size()).isEqualTo(1);
		assertThat(this.live.get("/v1/leads?q=lead%205").data().get(0).get("name").asString()).isEqualTo("Lead 5");
		assertThat(this.live.get("/v1/leads?q=.*").data().size()).isZero();
		assertThat(this.live.get("/v1/leads?sort=name&limit=1").data().get(0).get("name").asString())
			.isEqualTo("Lead 0");

		assertThat(this.live.get("/v1/leads?limit=101").status()).isEqualTo(422);
		assertThat(this.live.get("/v1/leads?limit=0").status()).isEqualTo(422);
		assertThat(this.live.get("/v1/leads?page=abc").status()).isEqualTo(400);
		assertThat(this.live.get("/v1/leads?status=won").status()).isEqualTo(422);
		assertThat(this.live.get("/v1/leads?sort=password").status()).isEqualTo(422);
	}

	@Test
	void garbageIdInPathIs400NotAServerError() {
		assertThat(this.live.get("/v1/leads/not-a-number").status()).isEqualTo(400);
	}

	private static Map<String, Object> manyFields(int count) {
		Map<String, Object> fields = new HashMap<>();
		for (int i = 0; i < count; i++) {
			fields.put("f" + i, i);
		}
		return fields;
	}

	private static String abbreviate(Object body) {
		String text = String.valueOf(body);
		return (text.length() > 80) ? text.substring(0, 80) + "…" : text;
	}

}
