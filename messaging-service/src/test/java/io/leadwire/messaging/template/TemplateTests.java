package io.leadwire.messaging.template;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.messaging.MetaStub;
import io.leadwire.messaging.crypto.WebhookSignatures;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;
import io.leadwire.testing.TestSecrets;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Message templates (docs/templates.md): Meta's rules checked before anything is
 * submitted, the sandbox's simulated review for test data, a live template submitted to
 * the business account of the tenant's Cloud number (Meta's Graph API stubbed at the HTTP
 * level) and kept current from Meta's {@code message_template_status_update} webhooks, in
 * order.
 */
@ServiceTest
class TemplateTests {

	@LocalServerPort
	int port;

	long tenant;

	HttpJson test;

	HttpJson live;

	@BeforeEach
	void setUp() {
		this.tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		this.test = client(this.tenant, Environment.TEST);
		this.live = client(this.tenant, Environment.LIVE);
	}

	@Test
	void metasRulesAreCheckedBeforeAnythingIsSubmitted() {
		Map<String, Object> good = Map.of("name", "order_update", "language", "en_US", "category", "UTILITY", "body",
				"Hi {{first_name}}, your order {{order_id}} is on its way.", "examples",
				Map.of("first_name", "Jasper", "order_id", "4521"));
		assertThat(this.test.post("/v1/templates", good).status()).isEqualTo(201);
		assertThat(field(this.test.post("/v1/templates", with(good, "name", "Order Update")))).isEqualTo("name");
		assertThat(field(this.test.post("/v1/templates", with(good, "category", "PROMO")))).isEqualTo("category");
		assertThat(field(this.test.post("/v1/templates", with(good, "language", "english")))).isEqualTo("language");
		assertThat(field(this.test.post("/v1/templates", with(good, "body", "Hi {{1}}, your order is ready."))))
			.isEqualTo("body");
		assertThat(field(this.test.post("/v1/templates", with(good, "body", "{{first_name}}, order {{order_id}} ok"))))
			.isEqualTo("body");
		assertThat(field(this.test.post("/v1/templates", with(good, "body", "Hi {{first_name}}{{order_id}} ok."))))
			.isEqualTo("body");
		assertThat(field(this.test.post("/v1/templates", with(good, "examples", Map.of("first_name", "Jasper")))))
			.isEqualTo("examples.order_id");
		assertThat(field(this.test.post("/v1/templates",
				with(with(good, "name", "other"), "examples", Map.of("first_name", "J", "order_id", "1", "x", "y")))))
			.isEqualTo("examples.x");
		assertThat(this.test.post("/v1/templates", "{\"name\": 5").status()).isBetween(400, 422);
		HttpJson.Response twice = this.test.post("/v1/templates", good);
		assertThat(twice.status()).isEqualTo(409);
		assertThat(twice.code()).isEqualTo("template_exists");
		assertThat(this.test.post("/v1/templates", with(good, "language", "pt_BR")).status())
			.as("the same name in another language")
			.isEqualTo(201);
	}

	@Test
	void testDataIsReviewedByTheSandboxWhichCanRejectIt() {
		HttpJson.Response created = this.test.post("/v1/templates",
				Map.of("name", "welcome", "language", "en_US", "category", "MARKETING", "header", "Welcome", "body",
						"Hello {{first_name}}, thanks for joining us!", "footer", "Reply STOP to opt out", "examples",
						Map.of("first_name", "Amina")));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		JsonNode template = created.data();
		long id = template.get("id").asLong();
		assertThat(template.get("variables").valueStream().map(JsonNode::asString)).containsExactly("first_name");
		assertThat(template.get("status").asString()).isEqualTo("APPROVED");
		assertThat(template.get("reviews").get(0).get("reviewer").asString()).isEqualTo("sandbox");

		HttpJson.Response rejected = this.test.post("/v1/sandbox/templates/" + id + "/review",
				Map.of("event", "REJECTED", "reason", "INVALID_FORMAT"));
		assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
		template = this.test.get("/v1/templates/" + id).data();
		assertThat(template.get("status").asString()).isEqualTo("REJECTED");
		assertThat(template.get("reviews").get(0).get("reason").asString()).isEqualTo("INVALID_FORMAT");
		assertThat(this.test.post("/v1/sandbox/templates/" + id + "/review", Map.of("event", "LOST")).status())
			.isEqualTo(422);

		// Edited, it is reviewed again.
		HttpJson.Response edited = this.test.put("/v1/templates/" + id,
				Map.of("name", "welcome", "language", "en_US", "category", "MARKETING", "body",
						"Hello {{first_name}}, welcome aboard.", "examples", Map.of("first_name", "Amina")));
		assertThat(edited.status()).as(edited.body()).isEqualTo(200);
		assertThat(edited.data().get("status").asString()).isEqualTo("APPROVED");
		assertThat(edited.data().get("header").isNull()).isTrue();

		assertThat(this.test.get("/v1/templates").data().valueStream().map((t) -> t.get("id").asLong())).contains(id);
		assertThat(client(this.tenant + 1, Environment.TEST).get("/v1/templates/" + id).status()).isEqualTo(404);
		assertThat(this.live.get("/v1/templates/" + id).status()).as("live and test are apart").isEqualTo(404);
		assertThat(this.test.delete("/v1/templates/" + id).status()).isEqualTo(200);
		assertThat(this.test.get("/v1/templates/" + id).status()).isEqualTo(404);
		for (String type : List.of("TemplateCreated", "TemplateDeleted")) {
			List<JsonNode> events = io.leadwire.testing.EventCapture.await("messaging.events",
					(event) -> event.get("type").asString().equals(type)
							&& event.get("payload").get("templateId").asLong() == id,
					Duration.ofSeconds(15));
			assertThat(events).as(type).hasSize(1);
			assertThat(events.get(0).get("tenantId").asLong()).isEqualTo(this.tenant);
		}
	}

	@Test
	void aLiveTemplateIsSubmittedToTheCloudNumbersAccountAndFollowsMetasReviewInOrder() {
		String waba = Long.toString(800000000000000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));
		String phoneNumberId = Long.toString(900000000000000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));
		String metaId = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50));
		MetaStub.server()
			.stubFor(post(urlEqualTo("/v23.0/" + waba + "/message_templates"))
				.willReturn(okJson("{\"id\":\"" + metaId + "\",\"status\":\"PENDING\",\"category\":\"UTILITY\"}")));
		assertThat(
				this.live
					.post("/v1/sessions",
							Map.of("name", "Cloud", "provider", "cloud", "waba_id", waba, "phone_number_id",
									phoneNumberId, "access_token", "EAAG-template-token"))
					.status())
			.isEqualTo(201);

		HttpJson.Response created = this.live.post("/v1/templates",
				Map.of("name", "order_update", "language", "en_US", "category", "UTILITY", "body",
						"Hi {{first_name}}, your order {{order_id}} is on its way.", "examples",
						Map.of("first_name", "Jasper", "order_id", "4521")));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		long id = created.data().get("id").asLong();
		JsonNode review = created.data().get("reviews").get(0);
		assertThat(review.get("reviewer").asString()).isEqualTo("meta");
		assertThat(review.get("wabaId").asString()).isEqualTo(waba);
		assertThat(review.get("metaTemplateId").asString()).isEqualTo(metaId);
		assertThat(created.data().get("status").asString()).isEqualTo("PENDING");
		MetaStub.server()
			.verify(postRequestedFor(urlEqualTo("/v23.0/" + waba + "/message_templates"))
				.withHeader("Authorization", equalTo("Bearer EAAG-template-token"))
				.withRequestBody(equalToJson(
						"""
								{"name":"order_update","language":"en_US","category":"UTILITY","parameter_format":"NAMED",
								 "components":[{"type":"BODY","text":"Hi {{first_name}}, your order {{order_id}} is on its way.",
								   "example":{"body_text_named_params":[{"param_name":"first_name","example":"Jasper"},
								                                         {"param_name":"order_id","example":"4521"}]}}]}""")));

		// Meta approves it; a rejection sent earlier arrives late and changes nothing.
		long now = Instant.now().getEpochSecond();
		assertThat(webhook(waba, metaId, "APPROVED", "NONE", now).status()).isEqualTo(200);
		assertThat(this.live.get("/v1/templates/" + id).data().get("status").asString()).isEqualTo("APPROVED");
		assertThat(webhook(waba, metaId, "REJECTED", "INVALID_FORMAT", now - 60).status()).isEqualTo(200);
		assertThat(this.live.get("/v1/templates/" + id).data().get("status").asString()).isEqualTo("APPROVED");
		assertThat(webhook(waba, metaId, "PAUSED", "NONE", now + 60).status()).isEqualTo(200);
		assertThat(this.live.get("/v1/templates/" + id).data().get("status").asString()).isEqualTo("PAUSED");
		assertThat(this.live.post("/v1/sandbox/templates/" + id + "/review", Map.of("event", "APPROVED")).status())
			.as("Meta reviews it, not the sandbox")
			.isEqualTo(422);
	}

	private HttpJson.Response webhook(String waba, String metaId, String event, String reason, long time) {
		String body = """
				{"entry":[{"id":"%s","time":%d,"changes":[{"value":{"event":"%s","message_template_id":%s,
				 "message_template_name":"order_update","message_template_language":"en_US","reason":"%s",
				 "message_template_category":"UTILITY"},"field":"message_template_status_update"}]}],
				 "object":"whatsapp_business_account"}""".formatted(waba, time, event, metaId, reason);
		return new HttpJson("http://127.0.0.1:" + this.port)
			.header("X-Hub-Signature-256", "sha256=" + WebhookSignatures.hmacHex("HmacSHA256", "test-cloud-app-secret",
					body.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
			.post("/v1/webhooks/cloud", body);
	}

	private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
		Map<String, Object> changed = new java.util.HashMap<>(body);
		changed.put(key, value);
		return changed;
	}

	private static String field(HttpJson.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(422);
		return response.json().get("errors").get(0).get("field").asString();
	}

	private HttpJson client(long tenant, Environment environment) {
		return new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenant, environment));
	}

}
