package io.leadwire.e2e;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.leadwire.testing.HttpJson;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The LeadFlux seed's campaign examples through the gateway (ids changed to public ones;
 * the seed's {@code scheduled_at} moved into the future): created, listed, read, updated
 * with {@code _method: PUT}, deleted; preview over a real contacts group with an
 * opted-out and a duplicate contact; another tenant's campaign, session and group are
 * 404s.
 */
class CampaignsE2ETests {

	static RunningPlatform platform;

	@BeforeAll
	static void start() throws Exception {
		platform = RunningPlatform.get();
	}

	@Test
	void theSeedsCampaignExamplesWorkThroughTheGateway() {
		HttpJson client = platform.withKey(platform.createTenant("Campaign Seeds").get("testKey").asString());
		String session = client.post("/v1/sessions", Map.of("name", "Campaigns")).data().get("id").asString();
		HttpJson.Response created = client.post("/public/api/v1/campaigns", """
				{
				    "name": "API Test Campaign",
				    "description": "Created via API",
				    "gateway_type": "whatsapp",
				    "gateway_session_id": "%s",
				    "recipient_source": "csv",
				    "custom_recipients": ["254712345678", "254787654321"],
				    "message_content": {
				      "type": "text",
				      "text": "Hello from LeadFlux API!"
				    },
				    "strategy": "random",
				    "rate_per_minute": 10,
				    "anti_ban_enabled": true
				  }""".formatted(session));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = created.data().get("id").asString();
		assertThat(id).hasSizeBetween(16, 17);
		assertThat(created.data().get("gatewaySessionId").asString()).isEqualTo(session);
		assertThat(created.data().get("status").asString()).isEqualTo("draft");

		assertThat(client.get("/public/api/v1/campaigns?page=1&limit=20").data()).hasSize(1);
		assertThat(client.get("/public/api/v1/campaigns/" + id).data().get("name").asString())
			.isEqualTo("API Test Campaign");
		HttpJson.Response updated = client.post("/public/api/v1/campaigns/" + id, """
				{
				    "_method": "PUT",
				    "name": "Updated Campaign Name",
				    "scheduled_at": "2099-03-23 10:00:00"
				  }""");
		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
		assertThat(updated.data().get("status").asString()).isEqualTo("scheduled");
		JsonNode strategies = client.get("/public/api/campaigns/strategies").data();
		assertThat(strategies.get("strategies")).hasSize(3);

		HttpJson other = platform.newTenant("Campaign Other");
		assertThat(other.get("/v1/campaigns/" + id).status()).isEqualTo(404);
		HttpJson.Response foreignSession = other.post("/v1/campaigns",
				Map.of("name", "x", "gateway_session_id", session, "recipient_source", "manual", "custom_recipients",
						List.of("254712345678"), "message_content", Map.of("type", "text", "text", "hi")));
		assertThat(foreignSession.status()).as(foreignSession.body()).isEqualTo(404);

		assertThat(client.delete("/public/api/v1/campaigns/" + id).status()).isEqualTo(200);
		assertThat(client.get("/v1/campaigns/" + id).status()).isEqualTo(404);
	}

	@Test
	void previewCountsAGroupWithoutItsOptedOutAndDuplicateNumbers() {
		HttpJson client = platform.withKey(platform.createTenant("Campaign Preview").get("testKey").asString());
		String group = client.post("/v1/contacts/groups", Map.of("name", "VIP", "color", "#00AA00"))
			.data()
			.get("id")
			.asString();
		for (String phone : List.of("254712345601", "254712345602", "254712345603")) {
			client.post("/v1/contacts", Map.of("name", "C " + phone, "phone", phone, "group_id", group));
		}
		String optedOut = client.get("/v1/contacts?search=254712345603").data().get(0).get("id").asString();
		assertThat(client.post("/v1/contacts/" + optedOut + "/opt-out", Map.of()).status()).isEqualTo(200);

		HttpJson.Response preview = client.post("/public/api/v1/campaigns/preview-recipients", """
				{
				    "source": "groups",
				    "filter": {
				      "group_ids": ["%s"]
				    }
				  }""".formatted(group));
		assertThat(preview.status()).as(preview.body()).isEqualTo(200);
		assertThat(preview.data().get("total").asLong()).isEqualTo(3);
		assertThat(preview.data().get("optedOut").asLong()).isEqualTo(1);
		assertThat(preview.data().get("sendable").asLong()).isEqualTo(2);

		JsonNode manual = client
			.post("/v1/campaigns/preview-recipients", Map.of("source", "manual", "custom_recipients",
					List.of("254712345601", "+254 712 345 601", "254712345699")))
			.data();
		assertThat(manual.get("duplicates").asLong()).isEqualTo(1);
		assertThat(manual.get("optedOut").asLong()).isZero();
		assertThat(manual.get("sendable").asLong()).isEqualTo(2);

		HttpJson other = platform.newTenant("Campaign Preview Other");
		assertThat(other
			.post("/v1/campaigns/preview-recipients",
					Map.of("source", "groups", "filter", Map.of("group_ids", List.of(group))))
			.status()).isEqualTo(404);
	}

}
