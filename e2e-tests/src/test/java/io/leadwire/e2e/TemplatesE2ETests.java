package io.leadwire.e2e;

import java.time.Duration;
import java.util.List;
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

	@Test
	void aCampaignOnACloudNumberSendsOnlyAnApprovedTemplateFilledForEachRecipient() {
		HttpJson client = platform.withKey(platform.createTenant("Template Campaigns").get("testKey").asString());
		String cloud = client.post("/v1/sessions", Map.of("name", "Cloud", "provider", "cloud", "rate_per_minute", 600))
			.data()
			.get("id")
			.asString();
		String waha = client.post("/v1/sessions", Map.of("name", "Phone", "rate_per_minute", 600))
			.data()
			.get("id")
			.asString();
		assertThat(client.get("/v1/sessions/" + cloud).data().get("capabilities").get("customerWindow").asBoolean())
			.isTrue();
		List<String> phones = List.of("254712345671", "254712345672");

		// Free text on a Cloud number would reach no one outside Meta's 24 h window.
		HttpJson.Response text = client.post("/v1/campaigns",
				Map.of("name", "Free text", "gateway_session_id", cloud, "recipient_source", "manual",
						"custom_recipients", phones, "message_content", Map.of("type", "text", "text", "Hi")));
		assertThat(text.status()).as(text.body()).isEqualTo(422);
		assertThat(text.body()).contains("\"field\":\"messageContent.type\"").contains("approved template");

		String template = client.post("/v1/templates", """
				{"name": "order_update", "language": "en_US", "category": "UTILITY",
				 "body": "Hi {{first_name}}, your order {{order_id}} is on its way.",
				 "examples": {"first_name": "Jasper", "order_id": "4521"}}""").data().get("id").asString();
		Map<String, Object> content = Map.of("type", "template", "template_id", template, "variables",
				Map.of("first_name", "friend", "order_id", "4521"));
		assertThat(client
			.post("/v1/sandbox/templates/" + template + "/review",
					Map.of("event", "REJECTED", "reason", "INVALID_FORMAT"))
			.status()).isEqualTo(200);
		HttpJson.Response rejected = client.post("/v1/campaigns", Map.of("name", "Rejected", "gateway_session_id",
				cloud, "recipient_source", "manual", "custom_recipients", phones, "message_content", content));
		assertThat(rejected.status()).as(rejected.body()).isEqualTo(422);
		assertThat(rejected.body()).contains("\"field\":\"messageContent.templateId\"").contains("REJECTED");
		assertThat(client.post("/v1/sandbox/templates/" + template + "/review", Map.of("event", "REINSTATED")).status())
			.isEqualTo(200);

		// The preview renders the template for a sample recipient.
		HttpJson.Response preview = client.post("/v1/campaigns/preview-recipients", Map.of("source", "manual",
				"custom_recipients", phones, "session_id", cloud, "message_content", content));
		assertThat(preview.status()).as(preview.body()).isEqualTo(200);
		assertThat(preview.data().get("samples").get(0).get("text").asString())
			.isEqualTo("Hi friend, your order 4521 is on its way.");

		HttpJson.Response created = client.post("/v1/campaigns",
				Map.of("name", "Orders", "gateway_session_id", cloud, "recipient_source", "manual", "custom_recipients",
						phones, "message_content", content, "strategy", "burst"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String campaign = created.data().get("id").asString();
		assertThat(created.data().get("messageContent").get("templateId").asString()).isEqualTo(template);
		assertThat(created.data().get("messageContent").get("templateName").asString()).isEqualTo("order_update");
		// Paused by Meta before the launch: the launch says so.
		assertThat(client.post("/v1/sandbox/templates/" + template + "/review", Map.of("event", "PAUSED")).status())
			.isEqualTo(200);
		HttpJson.Response paused = client.post("/v1/campaigns/" + campaign + "/launch", "");
		assertThat(paused.status()).as(paused.body()).isEqualTo(422);
		assertThat(paused.body()).contains("PAUSED");
		assertThat(client.post("/v1/sandbox/templates/" + template + "/review", Map.of("event", "APPROVED")).status())
			.isEqualTo(200);
		assertThat(client.post("/v1/campaigns/" + campaign + "/launch", "").status()).isEqualTo(200);

		// Meta gets the template by name, each variable named with the recipient's value.
		Awaitility.await().pollInterval(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			List<JsonNode> received = client.get("/v1/sandbox/messages?campaignId=" + campaign)
				.data()
				.valueStream()
				.toList();
			assertThat(received).hasSize(2);
			JsonNode body = received.get(0).get("request").get("body");
			assertThat(body.get("type").asString()).isEqualTo("template");
			assertThat(body.get("template").get("name").asString()).isEqualTo("order_update");
			assertThat(body.get("template").get("language").get("code").asString()).isEqualTo("en_US");
			assertThat(body.get("template").get("components").get(0).get("parameters").toString()).contains(
					"\"parameter_name\":\"first_name\"", "\"text\":\"friend\"", "\"parameter_name\":\"order_id\"");
		});

		// A phone (WAHA) has no templates: the same template goes as its filled-in body.
		String onPhone = client
			.post("/v1/campaigns",
					Map.of("name", "Orders by phone", "gateway_session_id", waha, "recipient_source", "manual",
							"custom_recipients", phones, "message_content", content, "strategy", "burst"))
			.data()
			.get("id")
			.asString();
		assertThat(client.post("/v1/campaigns/" + onPhone + "/launch", "").status()).isEqualTo(200);
		Awaitility.await().pollInterval(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			List<JsonNode> received = client.get("/v1/sandbox/messages?campaignId=" + onPhone)
				.data()
				.valueStream()
				.toList();
			assertThat(received).hasSize(2);
			assertThat(received.get(0).get("request").get("path").asString()).isEqualTo("/api/sendText");
			assertThat(received.get(0).get("request").get("body").get("text").asString())
				.isEqualTo("Hi friend, your order 4521 is on its way.");
		});
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
