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
 * LeadFlux's legacy campaign examples through the gateway (ids changed to public ones;
 * the legacy example's {@code scheduled_at} moved into the future): created, listed,
 * read, updated with {@code _method: PUT}, deleted; preview over a real contacts group
 * with an opted-out and a duplicate contact; another tenant's campaign, session and group
 * are 404s.
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
	void aGroupCampaignWithAnOptedOutContactReachesEveryoneElseExactlyOnce() {
		HttpJson client = platform.withKey(platform.createTenant("Campaign Run").get("testKey").asString());
		String session = client.post("/v1/sessions", Map.of("name", "Run", "ratePerMinute", 6000))
			.data()
			.get("id")
			.asString();
		String group = client.post("/v1/contacts/groups", Map.of("name", "Run", "color", "#0000AA"))
			.data()
			.get("id")
			.asString();
		List<String> phones = List.of("254712345611", "254712345612", "254712345613", "254712345614", "254712345615");
		for (String phone : phones) {
			client.post("/v1/contacts",
					Map.of("name", "Guest " + phone.substring(10), "phone", phone, "group_id", group));
		}
		String optedOut = client.get("/v1/contacts?search=254712345613").data().get(0).get("id").asString();
		client.post("/v1/contacts/" + optedOut + "/opt-out", Map.of());

		String campaign = client
			.post("/v1/campaigns",
					Map.of("name", "Run", "gateway_session_id", session, "recipient_source", "groups", "filter",
							Map.of("group_ids", List.of(group)), "message_content",
							Map.of("type", "text", "text", "Hi {{name}}!"), "strategy", "burst"))
			.data()
			.get("id")
			.asString();
		HttpJson.Response launched = client.post("/public/api/v1/campaigns/" + campaign + "/launch", "");
		assertThat(launched.status()).as(launched.body()).isEqualTo(200);
		assertThat(launched.data().get("status").asString()).isEqualTo("running");
		assertThat(client.post("/v1/campaigns/" + campaign + "/launch", "").status()).isEqualTo(409);

		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.until(() -> client.get("/v1/campaigns/" + campaign).data().get("status").asString().equals("completed"));
		List<JsonNode> received = client.get("/v1/sandbox/messages?limit=100&campaignId=" + campaign)
			.data()
			.valueStream()
			.toList();
		assertThat(received).extracting((r) -> r.get("request").get("body").get("chatId").asString())
			.containsExactlyInAnyOrder("254712345611@c.us", "254712345612@c.us", "254712345614@c.us",
					"254712345615@c.us");
		assertThat(received).extracting((r) -> r.get("request").get("body").get("text").asString())
			.contains("Hi Guest 11!");
		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode analytics = client.get("/public/api/campaigns/" + campaign + "/analytics?period=all").data();
			assertThat(analytics.get("total").asLong()).isEqualTo(4);
			assertThat(analytics.get("sent").asLong()).isEqualTo(4);
			assertThat(analytics.get("read").asLong()).isEqualTo(4);
			assertThat(analytics.get("pending").asLong()).isZero();
			assertThat(analytics.get("deliveryRate").asDouble()).isEqualTo(100.0);
		});
		JsonNode recipients = client.get("/v1/campaigns/" + campaign + "/recipients").data();
		assertThat(recipients).hasSize(5);
		assertThat(recipients.valueStream().filter((r) -> r.get("status").asString().equals("skipped"))).singleElement()
			.satisfies((r) -> assertThat(r.get("reason").asString()).isEqualTo("opted_out"));
		assertThat(platform.newTenant("Campaign Run Other").get("/v1/campaigns/" + campaign + "/analytics").status())
			.isEqualTo(404);
	}

	@Test
	void aPausedCampaignSendsNothingMoreAndResumesWhereItStopped() throws Exception {
		HttpJson client = platform.withKey(platform.createTenant("Campaign Pause").get("testKey").asString());
		String session = client.post("/v1/sessions", Map.of("name", "Pause", "ratePerMinute", 6000))
			.data()
			.get("id")
			.asString();
		List<String> phones = new java.util.ArrayList<>();
		for (int i = 21; i <= 28; i++) {
			phones.add("2547123456" + i);
		}
		String campaign = client
			.post("/v1/campaigns",
					Map.of("name", "Pause", "gateway_session_id", session, "recipient_source", "manual",
							"custom_recipients", phones, "message_content", Map.of("type", "text", "text", "Hello"),
							"strategy", "sequential", "rate_per_minute", 120, "anti_ban_enabled", false))
			.data()
			.get("id")
			.asString();
		client.post("/v1/campaigns/" + campaign + "/launch", "");
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> client.get("/v1/sandbox/messages?limit=100&campaignId=" + campaign).data().size() >= 2);
		HttpJson.Response paused = client.post("/v1/campaigns/" + campaign + "/pause", "");
		assertThat(paused.status()).as(paused.body()).isEqualTo(200);
		assertThat(client.post("/v1/campaigns/" + campaign + "/pause", "").status()).isEqualTo(409);
		Thread.sleep(1000);
		int atPause = client.get("/v1/sandbox/messages?limit=100&campaignId=" + campaign).data().size();
		Thread.sleep(2500);
		assertThat(client.get("/v1/sandbox/messages?limit=100&campaignId=" + campaign).data().size())
			.as("nothing sent later than a second after the pause")
			.isEqualTo(atPause);
		assertThat(atPause).isLessThan(8);

		assertThat(client.post("/v1/campaigns/" + campaign + "/resume", "").status()).isEqualTo(200);
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> client.get("/v1/campaigns/" + campaign).data().get("status").asString().equals("completed"));
		List<String> sent = client.get("/v1/sandbox/messages?limit=100&campaignId=" + campaign)
			.data()
			.valueStream()
			.map((r) -> r.get("request").get("body").get("chatId").asString())
			.toList();
		assertThat(sent).as("each recipient exactly once, in order")
			.containsExactlyInAnyOrderElementsOf(phones.stream().map((p) -> p + "@c.us").toList());
	}

	/** Issue 26: a date past what MongoDB stores answered 500. */
	@Test
	void aScheduleAfterTheYear9999IsA422NamingIt() {
		HttpJson client = platform.withKey(platform.createTenant("Campaign Far Future").get("testKey").asString());
		String session = client.post("/v1/sessions", Map.of("name", "Far")).data().get("id").asString();
		for (String when : List.of("+999999999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z")) {
			HttpJson.Response refused = client.post("/v1/campaigns",
					Map.of("name", "Far", "gateway_session_id", session, "recipient_source", "manual",
							"custom_recipients", List.of("254712345678"), "message_content",
							Map.of("type", "text", "text", "Hello"), "scheduled_at", when));
			assertThat(refused.status()).as(when + " → " + refused.body()).isEqualTo(422);
			assertThat(refused.body()).containsIgnoringCase("scheduled");
		}
	}

	@Test
	void tenPausesAndResumesInARowLoseNobodyAndSendNobodyTwice() throws Exception {
		HttpJson client = platform.withKey(platform.createTenant("Campaign Ten Pauses").get("testKey").asString());
		String session = client.post("/v1/sessions", Map.of("name", "Ten", "ratePerMinute", 6000))
			.data()
			.get("id")
			.asString();
		List<String> phones = new java.util.ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			phones.add("2547129%05d".formatted(i * 10 + 3));
		}
		String campaign = client
			.post("/v1/campaigns",
					Map.of("name", "Ten", "gateway_session_id", session, "recipient_source", "manual",
							"custom_recipients", phones, "message_content", Map.of("type", "text", "text", "Hello"),
							"strategy", "sequential", "rate_per_minute", 6000, "anti_ban_enabled", false))
			.data()
			.get("id")
			.asString();
		client.post("/v1/campaigns/" + campaign + "/launch", "");
		List<Long> lateSends = new java.util.ArrayList<>();
		int rounds = 0;
		for (; rounds < 10; rounds++) {
			// Sends for a while (at 100 a second), then pauses.
			Thread.sleep(400);
			HttpJson.Response paused = client.post("/v1/campaigns/" + campaign + "/pause", "");
			if (paused.status() == 409) {
				break;
			}
			long answeredAt = System.currentTimeMillis();
			Thread.sleep(1000);
			long settled = receivedCount(client, campaign);
			Thread.sleep(800);
			lateSends.add(receivedCount(client, campaign) - settled);
			assertThat(System.currentTimeMillis() - answeredAt).isLessThan(5000);
			assertThat(client.post("/v1/campaigns/" + campaign + "/resume", "").status()).isEqualTo(200);
		}
		assertThat(rounds).as("pauses of the running campaign").isEqualTo(10);
		assertThat(lateSends).as("nothing sent later than a second after any pause answer").containsOnly(0L);
		Awaitility.await()
			.atMost(Duration.ofSeconds(120))
			.until(() -> client.get("/v1/campaigns/" + campaign).data().get("status").asString().equals("completed"));
		List<String> sent = new java.util.ArrayList<>();
		for (int page = 1; page <= 10; page++) {
			client.get("/v1/sandbox/messages?limit=100&page=" + page + "&campaignId=" + campaign)
				.data()
				.forEach((r) -> sent.add(r.get("request").get("body").get("chatId").asString()));
		}
		assertThat(sent).as("each recipient exactly once")
			.containsExactlyInAnyOrderElementsOf(phones.stream().map((p) -> p + "@c.us").toList());
	}

	private static long receivedCount(HttpJson client, String campaign) {
		return client.get("/v1/sandbox/messages?limit=1&campaignId=" + campaign)
			.json()
			.get("meta")
			.get("pagination")
			.get("total")
			.asLong();
	}

	@Test
	void aLeadsCampaignReachesTheLeadsOfItsStatusesByTheirNames() {
		HttpJson client = platform.withKey(platform.createTenant("Campaign Leads").get("testKey").asString());
		String session = client.post("/v1/sessions", Map.of("name", "Leads", "ratePerMinute", 6000))
			.data()
			.get("id")
			.asString();
		client.post("/v1/leads", Map.of("name", "Amina Otieno", "phone", "254712345661", "status", "new"));
		client.post("/v1/leads", Map.of("name", "Brian Kamau", "phone", "+254 712 345 662", "status", "new"));
		client.post("/v1/leads", Map.of("name", "Chloe Wanjiru", "phone", "254712345663", "status", "contacted"));
		client.post("/v1/leads", Map.of("name", "No Phone", "email", "np@leads.example", "status", "new"));
		HttpJson.Response created = client.post("/v1/campaigns",
				Map.of("name", "Leads", "gateway_session_id", session, "recipient_source", "leads", "filter",
						Map.of("lead_status", List.of("new")), "message_content",
						Map.of("type", "text", "text", "Hi {{first_name}}"), "strategy", "burst"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String campaign = created.data().get("id").asString();
		assertThat(client.post("/v1/campaigns",
				Map.of("name", "Bad", "gateway_session_id", session, "recipient_source", "leads", "filter",
						Map.of("lead_status", List.of("hot")), "message_content", Map.of("type", "text", "text", "Hi")))
			.status()).isEqualTo(422);

		JsonNode preview = client
			.post("/v1/campaigns/preview-recipients",
					Map.of("source", "leads", "filter", Map.of("lead_status", List.of("new"))))
			.data();
		assertThat(preview.get("total").asLong()).isEqualTo(2);
		assertThat(preview.get("sendable").asLong()).isEqualTo(2);

		assertThat(client.post("/v1/campaigns/" + campaign + "/launch", "").status()).isEqualTo(200);
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.until(() -> client.get("/v1/campaigns/" + campaign).data().get("status").asString().equals("completed"));
		List<JsonNode> received = client.get("/v1/sandbox/messages?limit=100&campaignId=" + campaign)
			.data()
			.valueStream()
			.toList();
		assertThat(received).extracting((r) -> r.get("request").get("body").get("text").asString())
			.containsExactlyInAnyOrder("Hi Amina", "Hi Brian");
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
