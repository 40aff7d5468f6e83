package io.leadwire.e2e;

import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.leadwire.testing.HttpJson;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Message templates through the gateway (docs/templates.md), with public ids: a test
 * key's template is reviewed by the sandbox's simulated Meta, which a test makes reject
 * it; a partner's client's live templates are counted in the partner's companies as the
 * seed shows them ({@code _count.templates}); another tenant's template is a 404.
 */
class TemplatesE2ETests {

	static RunningPlatform platform;

	@BeforeAll
	static void start() throws Exception {
		platform = RunningPlatform.get();
	}

	@Test
	void aTemplateIsReviewedRejectedOnDemandAndCountedInThePartnersCompanies() {
		JsonNode partnerCredentials = platform.credentials().get("partner");
		String company = partnerCredentials.get("companies").get(0).get("id").asString();
		HttpJson test = platform.withKey(partnerCredentials.get("testKey").asString()).header("X-Company-Id", company);
		HttpJson partner = platform.withKey(partnerCredentials.get("liveKey").asString());
		HttpJson live = partner.header("X-Company-Id", company);

		String body = """
				{"name": "order_update", "language": "en_US", "category": "UTILITY",
				 "body": "Hi {{first_name}}, your order {{order_id}} is on its way.",
				 "examples": {"first_name": "Jasper", "order_id": "4521"}}""";
		HttpJson.Response created = test.post("/v1/templates", body);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = created.data().get("id").asString();
		assertThat(id).doesNotContainOnlyWhitespaces().matches("[A-Za-z0-9]{16,17}");
		assertThat(created.data().get("status").asString()).isEqualTo("APPROVED");
		HttpJson.Response rejected = test.post("/v1/sandbox/templates/" + id + "/review",
				Map.of("event", "REJECTED", "reason", "INVALID_FORMAT"));
		assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
		assertThat(rejected.data().get("templateId").asString()).isEqualTo(id);
		assertThat(test.get("/v1/templates/" + id).data().get("status").asString()).isEqualTo("REJECTED");
		HttpJson.Response invalid = test.post("/v1/templates", body.replace("{{first_name}}", "{{1}}"));
		assertThat(invalid.status()).isEqualTo(422);
		assertThat(invalid.body()).contains("\"field\":\"body\"");
		assertThat(platform.newTenant("Templates Other").get("/v1/templates/" + id).status()).isEqualTo(404);

		// Live templates of the client show in the partner's companies.
		long before = count(partner, company);
		assertThat(live.post("/v1/templates", body).status()).isEqualTo(201);
		String second = live.post("/v1/templates", body.replace("order_update", "order_shipped"))
			.data()
			.get("id")
			.asString();
		Awaitility.await()
			.pollInterval(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(20))
			.until(() -> count(partner, company) == before + 2);
		assertThat(live.delete("/v1/templates/" + second).status()).isEqualTo(200);
		Awaitility.await()
			.pollInterval(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(20))
			.until(() -> count(partner, company) == before + 1);
	}

	private static long count(HttpJson partner, String company) {
		return partner.get("/v1/companies")
			.data()
			.valueStream()
			.filter((c) -> c.get("id").asString().equals(company))
			.findFirst()
			.orElseThrow()
			.get("_count")
			.get("templates")
			.asLong();
	}

}
