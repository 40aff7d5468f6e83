package io.leadwire.e2e;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
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

	private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

	static RunningPlatform platform;

	@BeforeAll
	static void start() throws Exception {
		platform = RunningPlatform.get();
	}

	@Test
	void aClosedWindowHoldsKenyaWhileNewYorkGoesAndACapStopsTheDay() {
		HttpJson client = platform.withKey(platform.createTenant("Quiet Hours").get("testKey").asString());
		String session = client.post("/v1/sessions", Map.of("name", "Nairobi desk", "ratePerMinute", 600))
			.data()
			.get("id")
			.asString();
		// A window that opens in three hours in Nairobi and lasts one: closed there now.
		LocalTime opens = LocalTime.now(NAIROBI).plusHours(3).withSecond(0).withNano(0);
		HttpJson.Response window = client.put("/v1/campaigns/delivery-settings/sessions/" + session, """
				{"sending_window": {"start": "%s", "end": "%s"}}""".formatted(opens.format(HH_MM),
				opens.plusHours(1).format(HH_MM)));
		assertThat(window.status()).as(window.body()).isEqualTo(200);
		assertThat(window.data().get("sessionId").asString()).isEqualTo(session);
		assertThat(window.data().get("inForce").get("sendingWindow").get("start").asString())
			.isEqualTo(opens.format(HH_MM));

		// New York is 7 or 8 hours behind Nairobi: its window is not the same hour.
		String newYork = "12125550143";
		ZonedDateTime nyNow = ZonedDateTime.now(ZoneId.of("America/New_York"));
		boolean newYorkOpen = !nyNow.toLocalTime().isBefore(opens) && nyNow.toLocalTime().isBefore(opens.plusHours(1));
		HttpJson.Response created = client.post("/v1/campaigns", """
				{"name": "Across the night", "gateway_session_id": "%s", "recipient_source": "csv",
				 "custom_recipients": ["254712345678", "254787654321", "%s"],
				 "message_content": {"type": "text", "text": "Hello from LeadFlux API!"},
				 "strategy": "burst"}""".formatted(session, newYork));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String campaign = created.data().get("id").asString();
		assertThat(client.post("/v1/campaigns/" + campaign + "/launch", "").status()).isEqualTo(200);

		Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode waiting = client.get("/v1/campaigns/" + campaign).data().get("waiting");
			assertThat(waiting.get("outsideWindow").asLong()).isEqualTo(newYorkOpen ? 2 : 3);
			Instant until = Instant.parse(waiting.get("windowOpensAt").asString());
			assertThat(until.atZone(NAIROBI).toLocalTime().format(HH_MM)).isEqualTo(opens.format(HH_MM));
		});
		assertThat(client.get("/v1/sandbox/messages?campaignId=" + campaign).data()).as("nothing to Kenya at night")
			.allSatisfy((message) -> assertThat(message.toString()).doesNotContain("254712345678"));
		assertThat(client.get("/v1/campaigns/" + campaign + "/analytics")
			.data()
			.get("waiting")
			.get("outsideWindow")
			.asLong()).isPositive();
		assertThat(client.post("/v1/campaigns/" + campaign + "/cancel", "").status()).isEqualTo(200);

		// A cap of 2 a day on a second session: 2 of 5 go, the campaign says it waits.
		String capped = client.post("/v1/sessions", Map.of("name", "Capped", "ratePerMinute", 600))
			.data()
			.get("id")
			.asString();
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
			JsonNode cap = client.get("/v1/campaigns/" + second).data().get("waiting").get("dailyCap");
			assertThat(cap.get("reached").asBoolean()).isTrue();
			assertThat(cap.get("usedToday").asLong()).isEqualTo(2);
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

}
