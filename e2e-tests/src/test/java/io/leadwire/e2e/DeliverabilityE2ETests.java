package io.leadwire.e2e;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.leadwire.testing.HttpJson;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quiet hours and daily caps through the gateway (docs/deliverability.md), with the
 * seeds' numbers and public ids: a session's sending window that is closed now in Nairobi
 * holds the Kenyan recipients of a sandbox campaign (its page says how many and until
 * when) while a New York number goes; a session's daily cap stops a campaign at the cap;
 * and another tenant's session is a 404. The morning that opens the window is the service
 * tests' (a clock they move): here the clock is the real one.
 */
class DeliverabilityE2ETests {

	private static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

	/**
	 * How often a test asks again: the partner's plan allows fewer calls a minute than a
	 * tight poll makes.
	 */
	private static final Duration POLL = Duration.ofSeconds(1);

	static RunningPlatform platform;

	@BeforeAll
	static void start() throws Exception {
		platform = RunningPlatform.get();
	}

	@Test
	void aClosedWindowHoldsKenyaWhileNewYorkGoesAndACapStopsTheDay() {
		HttpJson client = platform.withKey(platform.createTenant("Quiet Hours").get("testKey").asString());
		String session = session(client, "Nairobi desk");
		// A window open now in New York, from an hour ago to two hours on: Nairobi is 7
		// or
		// 8 hours ahead, past its end.
		LocalTime newYorkNow = LocalTime.now(NEW_YORK).withSecond(0).withNano(0);
		LocalTime opens = newYorkNow.minusHours(1);
		HttpJson.Response window = client.put("/v1/campaigns/delivery-settings/sessions/" + session, """
				{"sending_window": {"start": "%s", "end": "%s"}}""".formatted(opens.format(HH_MM),
				newYorkNow.plusHours(2).format(HH_MM)));
		assertThat(window.status()).as(window.body()).isEqualTo(200);
		assertThat(window.data().get("sessionId").asString()).isEqualTo(session);
		assertThat(window.data().get("inForce").get("sendingWindow").get("start").asString())
			.isEqualTo(opens.format(HH_MM));

		HttpJson.Response created = client.post("/v1/campaigns", """
				{"name": "Across the night", "gateway_session_id": "%s", "recipient_source": "csv",
				 "custom_recipients": ["254712345678", "254787654321", "12125550143"],
				 "message_content": {"type": "text", "text": "Hello from LeadFlux API!"},
				 "strategy": "burst"}""".formatted(session));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String campaign = created.data().get("id").asString();
		assertThat(client.post("/v1/campaigns/" + campaign + "/launch", "").status()).isEqualTo(200);

		// New York gets it; Kenya waits for the window to open in Nairobi.
		Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode waiting = client.get("/v1/campaigns/" + campaign).data().get("waiting");
			assertThat(waiting.get("outsideWindow").asLong()).isEqualTo(2);
			Instant until = Instant.parse(waiting.get("windowOpensAt").asString());
			assertThat(until.atZone(NAIROBI).toLocalTime().format(HH_MM)).isEqualTo(opens.format(HH_MM));
			assertThat(client.get("/v1/sandbox/messages?campaignId=" + campaign).data()).singleElement()
				.satisfies((message) -> assertThat(message.toString()).contains("12125550143")
					.doesNotContain("254712345678"));
		});
		assertThat(client.get("/v1/campaigns/" + campaign + "/analytics")
			.data()
			.get("waiting")
			.get("outsideWindow")
			.asLong()).isEqualTo(2);
		assertThat(client.post("/v1/campaigns/" + campaign + "/cancel", "").status()).isEqualTo(200);

		// A cap of 2 a day on a second session: 2 of 5 go, the campaign says it waits.
		String capped = session(client, "Capped");
		assertThat(client.put("/v1/campaigns/delivery-settings/sessions/" + capped, Map.of("dailyCap", 2)).status())
			.isEqualTo(200);
		String second = client
			.post("/v1/campaigns",
					Map.of("name", "Capped", "gateway_session_id", capped, "recipient_source", "manual",
							"custom_recipients",
							List.of("254712345601", "254712345602", "254712345603", "254712345604", "254712345605"),
							"message_content", Map.of("type", "text", "text", "Hi"), "strategy", "burst"))
			.data()
			.get("id")
			.asString();
		assertThat(client.post("/v1/campaigns/" + second + "/launch", "").status()).isEqualTo(200);
		Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			// path(): the cap appears once the run has taken its first turn (an NPE is
			// not retried)
			JsonNode cap = client.get("/v1/campaigns/" + second).data().path("waiting").path("dailyCap");
			assertThat(cap.path("reached").asBoolean()).isTrue();
			assertThat(cap.path("usedToday").asLong()).isEqualTo(2);
		});
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(client.get("/v1/sandbox/messages?campaignId=" + second).data()).hasSize(2));
		Awaitility.await()
			.during(Duration.ofSeconds(5))
			.atMost(Duration.ofSeconds(10))
			.until(() -> client.get("/v1/sandbox/messages?campaignId=" + second).data().size() == 2);

		HttpJson other = platform.newTenant("Quiet Other");
		assertThat(other.get("/v1/campaigns/delivery-settings/sessions/" + session).status()).isEqualTo(404);
		assertThat(other.put("/v1/campaigns/delivery-settings/sessions/" + session, Map.of("dailyCap", 1)).status())
			.isEqualTo(404);
	}

	@Test
	void theFrequencyCapSkipsWhoHadEnoughAndThePreviewSaysSoFirst() {
		HttpJson client = platform.withKey(platform.createTenant("Frequency Cap").get("testKey").asString());
		String session = session(client, "Weekly");
		HttpJson.Response cap = client.put("/v1/campaigns/delivery-settings", """
				{"frequency_cap": {"messages": 1, "days": 7}}""");
		assertThat(cap.status()).as(cap.body()).isEqualTo(200);
		assertThat(cap.data().get("frequencyCap").get("messages").asInt()).isEqualTo(1);

		String first = launch(client, session, "Monday", List.of("254712345678", "254787654321"));
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> client.get("/v1/campaigns/" + first).data().get("status").asString().equals("completed"));

		List<String> three = List.of("254712345678", "254787654321", "254799123456");
		JsonNode preview = client
			.post("/v1/campaigns/preview-recipients", Map.of("source", "manual", "custom_recipients", three))
			.data();
		assertThat(preview.get("frequencyCapped").asLong()).isEqualTo(2);
		assertThat(preview.get("sendable").asLong()).isEqualTo(1);
		String second = launch(client, session, "Thursday", three);
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> client.get("/v1/campaigns/" + second).data().get("status").asString().equals("completed"));
		assertThat(client.get("/v1/sandbox/messages?campaignId=" + second).data())
			.as("what the preview said would be sent")
			.hasSize((int) preview.get("sendable").asLong());
		JsonNode analytics = client.get("/v1/campaigns/" + second + "/analytics").data();
		assertThat(analytics.get("frequencyCapped").asLong()).isEqualTo(2);
		assertThat(analytics.get("sent").asLong()).isEqualTo(1);
		assertThat(client.get("/v1/campaigns/" + second + "/recipients?status=skipped").data())
			.extracting((r) -> r.get("reason").asString())
			.containsOnly("frequency_cap")
			.hasSize(2);
	}

	@Test
	void aNewWahaNumberSendsItsFirstDaysAllowanceAndSaysWhereItIsOnTheRamp() {
		JsonNode tenant = platform.createTenant("Warm Up");
		HttpJson live = platform.withKey(tenant.get("liveKey").asString());
		assertThat(platform.withKey(platform.platform().secrets().platformAdminKey())
			.post("/v1/wallet/top-up", Map.of("tenantId", tenant.get("id").asString(), "credits", 100))
			.status()).isEqualTo(200);
		String session = live.post("/v1/sessions", Map.of("name", "New phone", "provider", "waha", "ratePerMinute", 60))
			.data()
			.get("id")
			.asString();
		platform.waha().link("lw-" + session, "254700000001");
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> live.get("/v1/sessions/" + session).data().get("status").asString().equals("WORKING"));
		List<String> many = java.util.stream.IntStream.range(0, 25)
			.mapToObj((i) -> "2547123457" + String.format("%02d", i))
			.toList();
		String campaign = launch(live, session, "First day", many);

		// The first step of the ramp: 20 messages reach WAHA, the other 5 wait for
		// tomorrow.
		Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode cap = live.get("/v1/campaigns/" + campaign).data().get("waiting").get("dailyCap");
			assertThat(cap.get("reached").asBoolean()).isTrue();
			assertThat(cap.get("limit").asInt()).isEqualTo(20);
			assertThat(cap.get("limitedBy").asString()).isEqualTo("warm_up");
		});
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(platform.waha()
				.sent()
				.stream()
				.filter((sent) -> sent.body().contains("\"session\":\"lw-" + session + "\""))).hasSize(20));
		JsonNode warmUp = live.get("/v1/campaigns/delivery-settings/sessions/" + session)
			.data()
			.get("inForce")
			.get("warmUp");
		assertThat(warmUp.get("step").asInt()).isEqualTo(1);
		assertThat(warmUp.get("usedToday").asLong()).isEqualTo(20);
		assertThat(warmUp.get("nextAllowance").asInt()).isEqualTo(30);
		assertThat(live.post("/v1/campaigns/" + campaign + "/cancel", "").status()).isEqualTo(200);
	}

	@Test
	void aCloudNumbersMessagingLimitHoldsTheRestAndARedRatingPausesItsCampaigns() {
		// A partner's client, on a sandbox session playing a Cloud API number.
		JsonNode partnerCredentials = platform.credentials().get("partner");
		String company = partnerCredentials.get("companies").get(0).get("id").asString();
		HttpJson partner = platform.withKey(partnerCredentials.get("testKey").asString());
		HttpJson client = partner.header("X-Company-Id", company);
		HttpJson.Response created = client.post("/v1/sessions",
				Map.of("name", "Contoso Cloud", "provider", "cloud", "rate_per_minute", 600));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String session = created.data().get("id").asString();

		// Meta says the number may reach 50 new recipients a day (simulated).
		HttpJson.Response tier = client.post("/v1/sandbox/sessions/" + session + "/number-health",
				Map.of("messaging_limit_tier", "TIER_50"));
		assertThat(tier.status()).as(tier.body()).isEqualTo(200);
		assertThat(tier.data().get("messagingLimit").asInt()).isEqualTo(50);
		assertThat(client
			.post("/v1/sandbox/sessions/" + session + "/number-health", Map.of("messaging_limit_tier", "TIER_3"))
			.status()).isEqualTo(422);
		assertThat(platform.newTenant("Limit Other")
			.post("/v1/sandbox/sessions/" + session + "/number-health", Map.of("quality_rating", "RED"))
			.status()).as("another tenant's session").isEqualTo(404);

		List<String> phones = new java.util.ArrayList<>();
		for (int i = 0; i < 60; i++) {
			phones.add("2547123461" + String.format("%02d", i));
		}
		// The preview tells how many fit in what is left of today's limit.
		Awaitility.await().pollInterval(POLL).atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			HttpJson.Response preview = client.post("/v1/campaigns/preview-recipients",
					Map.of("source", "manual", "custom_recipients", phones, "session_id", session));
			assertThat(preview.status()).as(preview.body()).isEqualTo(200);
			JsonNode limit = preview.data().get("messagingLimit");
			assertThat(limit.isNull()).as(preview.body()).isFalse();
			assertThat(limit.get("tier").asString()).isEqualTo("TIER_50");
			assertThat(limit.get("fitToday").asLong()).isEqualTo(50);
			assertThat(limit.get("waiting").asLong()).isEqualTo(10);
		});
		// A Cloud number's campaign sends an approved template (the sandbox approves test
		// data's at once).
		String template = client.post("/v1/templates", Map.of("name", "limit_notice", "language", "en_US", "category",
				"UTILITY", "body", "Your order is on its way."))
			.data()
			.get("id")
			.asString();
		HttpJson.Response made = client.post("/v1/campaigns",
				Map.of("name", "Past the limit", "gateway_session_id", session, "recipient_source", "manual",
						"custom_recipients", phones, "message_content",
						Map.of("type", "template", "template_id", template), "strategy", "burst"));
		assertThat(made.status()).as(made.body()).isEqualTo(201);
		String campaign = made.data().get("id").asString();
		assertThat(client.post("/v1/campaigns/" + campaign + "/launch", "").status()).isEqualTo(200);

		// 50 go; the other 10 wait for room in the number's 24 h count — none is sent to
		// collect Meta's 131048.
		Awaitility.await().pollInterval(POLL).atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
			JsonNode read = client.get("/v1/campaigns/" + campaign).data();
			JsonNode limit = read.path("waiting").path("messagingLimit");
			assertThat(limit.path("reached").asBoolean(false)).as("%s", read).isTrue();
			assertThat(limit.get("usedLast24h").asLong()).isEqualTo(50);
			assertThat(Instant.parse(limit.get("resumesAt").asString()))
				.isAfter(Instant.now().plus(Duration.ofHours(23)));
			assertThat(client.get("/v1/sandbox/messages?campaignId=" + campaign + "&limit=100").data()).hasSize(50);
		});
		Awaitility.await()
			.pollInterval(POLL)
			.during(Duration.ofSeconds(5))
			.atMost(Duration.ofSeconds(10))
			.until(() -> client.get("/v1/sandbox/messages?campaignId=" + campaign + "&limit=100").data().size() == 50);
		Awaitility.await()
			.pollInterval(POLL)
			.atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(
					client.get("/v1/messages?campaignId=" + campaign + "&status=delivered&limit=100").data().size()
							+ client.get("/v1/messages?campaignId=" + campaign + "&status=read&limit=100")
								.data()
								.size())
				.isEqualTo(50));
		assertThat(client.get("/v1/messages?campaignId=" + campaign + "&status=failed&limit=100").data()).isEmpty();
		assertThat(client.get("/v1/campaigns/" + campaign).data().get("status").asString()).isEqualTo("running");

		// The partner sees the connection's tier; a drop to RED pauses the campaign.
		assertThat(client.post("/v1/sandbox/sessions/" + session + "/number-health", Map.of("quality_rating", "RED"))
			.status()).isEqualTo(200);
		Awaitility.await().pollInterval(POLL).atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode paused = client.get("/v1/campaigns/" + campaign).data();
			assertThat(paused.get("status").asString()).isEqualTo("paused");
			assertThat(paused.get("pauseReason").asString()).contains("quality rating dropped to RED");
		});
		Awaitility.await().pollInterval(POLL).atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode connection = partner.get("/v1/companies")
				.data()
				.valueStream()
				.filter((c) -> c.get("id").asString().equals(company))
				.findFirst()
				.orElseThrow()
				.get("connections")
				.valueStream()
				.filter((c) -> c.get("id").asString().equals(session))
				.findFirst()
				.orElseThrow();
			assertThat(connection.get("qualityRating").asString()).isEqualTo("RED");
			assertThat(connection.get("messagingLimitTier").asString()).isEqualTo("TIER_50");
		});
		assertThat(client.post("/v1/campaigns/" + campaign + "/cancel", "").status()).isEqualTo(200);
	}

	/** A sandbox session of 600 a minute: its public id. */
	private static String session(HttpJson client, String name) {
		return client.post("/v1/sessions", Map.of("name", name, "ratePerMinute", 600)).data().get("id").asString();
	}

	private static String launch(HttpJson client, String session, String name, List<String> phones) {
		String id = client.post("/v1/campaigns",
				Map.of("name", name, "gateway_session_id", session, "recipient_source", "manual", "custom_recipients",
						phones, "message_content", Map.of("type", "text", "text", "Hi"), "strategy", "burst"))
			.data()
			.get("id")
			.asString();
		assertThat(client.post("/v1/campaigns/" + id + "/launch", "").status()).isEqualTo(200);
		return id;
	}

}
