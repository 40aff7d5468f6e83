package io.leadwire.campaign.campaign;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.leadwire.campaign.MovableClock;
import io.leadwire.campaign.PeersStub;
import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;
import io.leadwire.testing.TestSecrets;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quiet hours and daily caps as a running campaign meets them, on a clock the test moves
 * (docs/deliverability.md): recipients outside their window in their own local time wait
 * and go when it opens, by themselves; a session's daily cap stops a campaign for the day
 * and it goes on the next.
 */
@ServiceTest
class DeliveryRulesTests {

	private static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");

	@LocalServerPort
	int port;

	@AfterEach
	void putTheClockBack() {
		MovableClock.reset();
	}

	@Test
	void aCampaignAcrossTheNightHoldsItsKenyanRecipientsSendsNewYorkAndFinishesByItselfNextMorning() throws Exception {
		long tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		long session = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		PeersStub.session(tenant, session);
		HttpJson test = client(tenant);
		// 21:00 in Nairobi (13:00 in New York): Kenya is past its window, New York in it.
		ZonedDateTime evening = ZonedDateTime.of(LocalDate.now(NAIROBI).plusDays(1), LocalTime.of(21, 0), NAIROBI);
		MovableClock.moveTo(evening.toInstant());
		HttpJson.Response settings = test.put("/v1/campaigns/delivery-settings", """
				{"sending_window": {"start": "08:00", "end": "20:00"}}""");
		assertThat(settings.status()).as(settings.body()).isEqualTo(200);
		assertThat(settings.data().get("sendingWindow").get("start").asString()).isEqualTo("08:00");

		long id = test
			.post("/v1/campaigns",
					Map.of("name", "Overnight", "gateway_session_id", session, "recipient_source", "manual",
							"custom_recipients", List.of("254712345601", "254712345602", "12125550143"),
							"message_content", Map.of("type", "text", "text", "Hi"), "strategy", "burst"))
			.data()
			.get("id")
			.asLong();
		assertThat(test.post("/v1/campaigns/" + id + "/launch", "").status()).isEqualTo(200);

		// New York goes at once; Kenya waits until 08:00 Nairobi time.
		assertThat(dispatched(test, id, 1)).containsExactly("+12125550143");
		Instant morning = evening.toLocalDate().plusDays(1).atTime(8, 0).atZone(NAIROBI).toInstant();
		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode waiting = test.get("/v1/campaigns/" + id).data().get("waiting");
			assertThat(waiting.get("outsideWindow").asLong()).isEqualTo(2);
			assertThat(Instant.parse(waiting.get("windowOpensAt").asString())).isEqualTo(morning);
		});
		assertThat(test.get("/v1/campaigns/" + id + "/analytics").data().get("waiting").get("outsideWindow").asLong())
			.isEqualTo(2);
		// Still night two (moved) hours later: nothing more goes.
		MovableClock.moveTo(evening.plusHours(2).toInstant());
		Awaitility.await()
			.during(Duration.ofSeconds(6))
			.atMost(Duration.ofSeconds(10))
			.until(() -> test.get("/v1/campaigns/" + id + "/recipients?status=pending").data().size() == 2);
		try (var producer = CampaignRunTests.producer()) {
			CampaignRunTests.send(producer, id, "+12125550143", "sent");
		}
		assertThat(test.get("/v1/campaigns/" + id).data().get("status").asString()).isEqualTo("running");

		// Morning in Nairobi: the two go by themselves, and once sent the campaign ends.
		MovableClock.moveTo(morning.plusSeconds(30));
		assertThat(dispatched(test, id, 3)).containsExactlyInAnyOrder("+12125550143", "+254712345601", "+254712345602");
		try (var producer = CampaignRunTests.producer()) {
			CampaignRunTests.send(producer, id, "+254712345601", "sent");
			CampaignRunTests.send(producer, id, "+254712345602", "sent");
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> test.get("/v1/campaigns/" + id).data().get("status").asString().equals("completed"));
		assertThat(test.get("/v1/campaigns/" + id + "/analytics").data().get("sent").asLong()).isEqualTo(3);
	}

	@Test
	void aSessionsDailyCapStopsItsCampaignForTheDayAndItGoesOnTheNext() throws Exception {
		long tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		long session = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		PeersStub.session(tenant, session);
		HttpJson test = client(tenant);
		Instant noon = LocalDate.now(java.time.ZoneOffset.UTC)
			.plusDays(3)
			.atTime(12, 0)
			.toInstant(java.time.ZoneOffset.UTC);
		MovableClock.moveTo(noon);
		HttpJson.Response capped = test.put("/v1/campaigns/delivery-settings/sessions/" + session, """
				{"daily_cap": 2}""");
		assertThat(capped.status()).as(capped.body()).isEqualTo(200);
		assertThat(capped.data().get("inForce").get("dailyCap").asInt()).isEqualTo(2);
		long id = test
			.post("/v1/campaigns", Map.of("name", "Capped", "gateway_session_id", session, "recipient_source", "manual",
					"custom_recipients", List.of("254712345611", "254712345612", "254712345613", "254712345614"),
					"message_content", Map.of("type", "text", "text", "Hi"), "strategy", "burst"))
			.data()
			.get("id")
			.asLong();
		assertThat(test.post("/v1/campaigns/" + id + "/launch", "").status()).isEqualTo(200);

		assertThat(dispatched(test, id, 2)).hasSize(2);
		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode cap = test.get("/v1/campaigns/" + id).data().get("waiting").get("dailyCap");
			assertThat(cap.get("reached").asBoolean()).isTrue();
			assertThat(cap.get("usedToday").asLong()).isEqualTo(2);
			assertThat(Instant.parse(cap.get("resumesAt").asString())).isEqualTo(noon.plus(Duration.ofHours(12)));
		});
		// The rest of the day: still two.
		Awaitility.await()
			.during(Duration.ofSeconds(6))
			.atMost(Duration.ofSeconds(10))
			.until(() -> test.get("/v1/campaigns/" + id + "/recipients?status=pending").data().size() == 2);
		// The next day: the other two.
		MovableClock.moveTo(noon.plus(Duration.ofHours(13)));
		assertThat(dispatched(test, id, 4)).hasSize(4);
	}

	@Test
	void settingsAreCheckedAndAnotherTenantsSessionIsNotFound() {
		long tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		long session = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		PeersStub.session(tenant, session);
		HttpJson test = client(tenant);
		HttpJson.Response bad = test.put("/v1/campaigns/delivery-settings", """
				{"sending_window": {"start": "8am", "end": "20:00"}, "daily_cap": 0, "time_zone": "Mars/Olympus"}""");
		assertThat(bad.status()).isEqualTo(422);
		assertThat(bad.body()).contains("sendingWindow.start").contains("dailyCap").contains("timeZone");
		assertThat(test.put("/v1/campaigns/delivery-settings", """
				{"sending_window": {"start": "09:00", "end": "09:00"}}""").status()).isEqualTo(422);
		HttpJson.Response overnight = test.put("/v1/campaigns/delivery-settings", """
				{"sending_window": {"start": "22:00", "end": "06:00"}, "time_zone": "Africa/Nairobi"}""");
		assertThat(overnight.status()).as(overnight.body()).isEqualTo(200);
		assertThat(overnight.data().get("timeZone").asString()).isEqualTo("Africa/Nairobi");
		JsonNode inForce = test.get("/v1/campaigns/delivery-settings/sessions/" + session).data().get("inForce");
		assertThat(inForce.get("sendingWindow").get("end").asString()).isEqualTo("06:00");
		long other = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		assertThat(client(other).get("/v1/campaigns/delivery-settings/sessions/" + session).status()).isEqualTo(404);
		assertThat(client(other).get("/v1/campaigns/delivery-settings").data().get("sendingWindow").isNull())
			.as("each tenant's own")
			.isTrue();
		HttpJson.Response campaignWindow = test.post("/v1/campaigns", Map.of("name", "Windowed", "gateway_session_id",
				session, "recipient_source", "manual", "custom_recipients", List.of("254712345621"), "message_content",
				Map.of("type", "text", "text", "Hi"), "sending_window", Map.of("start", "10:00", "end", "25:00")));
		assertThat(campaignWindow.status()).isEqualTo(422);
		assertThat(campaignWindow.body()).contains("sendingWindow.end");
	}

	@Test
	void theTenantsFrequencyCapSkipsThosePastItCountsThemInPreviewAndAnalyticsAndForgetsAfterItsWindow()
			throws Exception {
		long tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		long session = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		PeersStub.session(tenant, session);
		HttpJson test = client(tenant);
		HttpJson.Response cap = test.put("/v1/campaigns/delivery-settings", """
				{"frequency_cap": {"messages": 1, "days": 7}}""");
		assertThat(cap.status()).as(cap.body()).isEqualTo(200);
		assertThat(test.put("/v1/campaigns/delivery-settings/sessions/" + session, """
				{"frequency_cap": {"messages": 5, "days": 7}}""").status()).as("a tenant setting").isEqualTo(422);
		assertThat(test.put("/v1/campaigns/delivery-settings", """
				{"frequency_cap": {"messages": 0, "days": 400}}""").body()).contains("frequencyCap.messages")
			.contains("frequencyCap.days");

		long first = launch(test, session, "First", List.of("254712345631", "254712345632"));
		assertThat(dispatched(test, first, 2)).hasSize(2);
		try (var producer = CampaignRunTests.producer()) {
			CampaignRunTests.send(producer, first, "+254712345631", "sent");
			CampaignRunTests.send(producer, first, "+254712345632", "sent");
		}

		// The same two and a new one: the preview counts the two the cap skips.
		List<String> three = List.of("254712345631", "254712345632", "254712345633");
		JsonNode preview = test
			.post("/v1/campaigns/preview-recipients", Map.of("source", "manual", "custom_recipients", three))
			.data();
		assertThat(preview.get("frequencyCapped").asLong()).isEqualTo(2);
		assertThat(preview.get("sendable").asLong()).isEqualTo(1);
		long second = launch(test, session, "Second", three);
		assertThat(dispatched(test, second, 3)).hasSize(3);
		JsonNode recipients = test.get("/v1/campaigns/" + second + "/recipients").data();
		assertThat(recipients.valueStream().filter((r) -> r.get("status").asString().equals("skipped")))
			.extracting((r) -> r.get("phone").asString() + " " + r.get("reason").asString())
			.containsExactlyInAnyOrder("+254712345631 frequency_cap", "+254712345632 frequency_cap");
		try (var producer = CampaignRunTests.producer()) {
			CampaignRunTests.send(producer, second, "+254712345633", "sent");
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> test.get("/v1/campaigns/" + second).data().get("status").asString().equals("completed"));
		JsonNode analytics = test.get("/v1/campaigns/" + second + "/analytics").data();
		assertThat(analytics.get("frequencyCapped").asLong()).isEqualTo(2);
		assertThat(analytics.get("sent").asLong()).isEqualTo(1);

		// A week and a day later the first two may be sent to again.
		MovableClock.moveTo(Instant.now().plus(Duration.ofDays(8)));
		long third = launch(test, session, "Third", List.of("254712345631"));
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> test.get("/v1/campaigns/" + third + "/recipients").data().get(0).get("status").asString(),
					(status) -> status.equals("sending"));
	}

	@Test
	void aNewWahaNumberClimbsItsRampADayAtATimeWhileItsMessagesAreDelivered() throws Exception {
		long tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		long session = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		PeersStub.session(tenant, session);
		PeersStub.sessionProvider(session, "waha");
		PeersStub.balance(tenant, 100);
		HttpJson live = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenant, Environment.LIVE));
		Instant morning = LocalDate.now(java.time.ZoneOffset.UTC)
			.plusDays(20)
			.atTime(9, 0)
			.toInstant(java.time.ZoneOffset.UTC);
		MovableClock.moveTo(morning);
		List<String> many = java.util.stream.IntStream.range(0, 45)
			.mapToObj((i) -> "2547123457" + String.format("%02d", i))
			.toList();
		long first = launch(live, session, "Warm-up", many);

		// Day one: 20 of the 45, then the campaign waits, saying the warm-up limits it.
		assertThat(dispatched(live, first, 20)).hasSize(20);
		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode cap = live.get("/v1/campaigns/" + first).data().get("waiting").get("dailyCap");
			assertThat(cap.get("limit").asInt()).isEqualTo(20);
			assertThat(cap.get("limitedBy").asString()).isEqualTo("warm_up");
			assertThat(cap.get("reached").asBoolean()).isTrue();
		});
		JsonNode warmUp = live.get("/v1/campaigns/delivery-settings/sessions/" + session)
			.data()
			.get("inForce")
			.get("warmUp");
		assertThat(warmUp.get("step").asInt()).isEqualTo(1);
		assertThat(warmUp.get("allowanceToday").asInt()).isEqualTo(20);
		assertThat(warmUp.get("usedToday").asLong()).isEqualTo(20);
		assertThat(warmUp.get("nextAllowance").asInt()).isEqualTo(30);
		// The day's 20 are delivered.
		try (var producer = CampaignRunTests.producer()) {
			// Delivered on day one, as the day is counted (the moved clock).
			for (String phone : numbers(live, first)) {
				producer
					.send(new org.apache.kafka.clients.producer.ProducerRecord<>("message.status", phone,
							CampaignRunTests.status(first, phone, "delivered", morning.plusSeconds(60))))
					.get();
			}
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> live.get("/v1/campaigns/" + first + "/analytics").data().get("delivered").asLong() == 20);

		// Day two: a healthy day one grows the allowance to 30, and the other 25 go.
		MovableClock.moveTo(morning.plus(Duration.ofDays(1)));
		assertThat(dispatched(live, first, 45)).hasSize(45);
		JsonNode second = live.get("/v1/campaigns/delivery-settings/sessions/" + session)
			.data()
			.get("inForce")
			.get("warmUp");
		assertThat(second.get("step").asInt()).isEqualTo(2);
		assertThat(second.get("allowanceToday").asInt()).isEqualTo(30);
		assertThat(second.get("lastMove").asString()).contains("grew: 100 % delivered");
		// Turned off (a number that was warm before Leadwire): no limit.
		assertThat(live.put("/v1/campaigns/delivery-settings/sessions/" + session, """
				{"warm_up": false}""").data().get("inForce").get("warmUp").isNull()).isTrue();
	}

	@Test
	void aCloudNumbersMessagingLimitHoldsNewRecipientsUntilRoomAndARedRatingPausesTheCampaign() throws Exception {
		long tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		long session = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		PeersStub.session(tenant, session);
		HttpJson test = client(tenant);
		Instant noon = LocalDate.now(java.time.ZoneOffset.UTC)
			.plusDays(5)
			.atTime(12, 0)
			.toInstant(java.time.ZoneOffset.UTC);
		MovableClock.moveTo(noon);
		String waba = Long.toString(ThreadLocalRandom.current().nextLong(100000000000000L, 999999999999999L));
		try (var producer = CampaignRunTests.producer()) {
			sessionEvent(producer, tenant, session, waba, 2, "GREEN", "TIER_50");
		}
		List<String> phones = new java.util.ArrayList<>();
		for (int i = 0; i < 6; i++) {
			phones.add("2547123470" + String.format("%02d", i));
		}
		// 48 of the account's 50 were used two hours ago by another of its numbers.
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> !test
				.post("/v1/campaigns/preview-recipients",
						Map.of("source", "manual", "custom_recipients", phones, "session_id", session))
				.data()
				.get("messagingLimit")
				.isNull());
		this.limits.admit("waba:" + waba,
				java.util.stream.IntStream.range(0, 48).mapToObj((i) -> "+1212555" + (1000 + i)).toList(), 50,
				noon.minus(Duration.ofHours(2)));
		JsonNode fit = test
			.post("/v1/campaigns/preview-recipients",
					Map.of("source", "manual", "custom_recipients", phones, "session_id", session))
			.data()
			.get("messagingLimit");
		assertThat(fit.get("usedLast24h").asLong()).isEqualTo(48);
		assertThat(fit.get("fitToday").asLong()).isEqualTo(2);
		assertThat(fit.get("waiting").asLong()).isEqualTo(4);

		long id = launch(test, session, "Past the limit", phones);
		assertThat(dispatched(test, id, 2)).hasSize(2);
		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode limit = test.get("/v1/campaigns/" + id).data().path("waiting").path("messagingLimit");
			assertThat(limit.path("reached").asBoolean(false)).as(limit.toString()).isTrue();
			assertThat(limit.get("usedLast24h").asLong()).isEqualTo(50);
			assertThat(Instant.parse(limit.get("resumesAt").asString()))
				.isEqualTo(noon.minus(Duration.ofHours(2)).plus(Duration.ofHours(24)));
		});
		Awaitility.await()
			.during(Duration.ofSeconds(6))
			.atMost(Duration.ofSeconds(10))
			.until(() -> numbers(test, id).size() == 2);
		// 22 h later the other number's 48 leave the count: the other four go.
		MovableClock.moveTo(noon.plus(Duration.ofHours(22)).plusSeconds(1));
		assertThat(dispatched(test, id, 6)).hasSize(6);

		// Meta rates the number RED: its running campaigns pause, with the reason; the
		// same event again (redelivered) changes nothing more.
		long second = launch(test, session, "Second", List.of("254712347100"));
		try (var producer = CampaignRunTests.producer()) {
			sessionEvent(producer, tenant, session, waba, 3, "RED", "TIER_50");
			sessionEvent(producer, tenant, session, waba, 3, "RED", "TIER_50");
		}
		for (long campaign : List.of(id, second)) {
			Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				JsonNode paused = test.get("/v1/campaigns/" + campaign).data();
				assertThat(paused.get("status").asString()).isEqualTo("paused");
				assertThat(paused.get("pauseReason").asString()).contains("quality rating dropped to RED");
			});
		}
	}

	@org.springframework.beans.factory.annotation.Autowired
	io.leadwire.campaign.delivery.MessagingLimits limits;

	private static void sessionEvent(org.apache.kafka.clients.producer.KafkaProducer<String, String> producer,
			long tenant, long session, String waba, long revision, String quality, String tier) throws Exception {
		producer
			.send(new org.apache.kafka.clients.producer.ProducerRecord<>("messaging.events", Long.toString(session), """
					{"eventId":"%s","type":"SessionStatusChanged","tenantId":%d,"environment":"test","payload":{
					 "sessionId":%d,"name":"Cloud","provider":"cloud","status":"WORKING","wabaId":"%s",
					 "phoneNumberId":"106540352242922","revision":%d,"at":"%s","qualityRating":"%s",
					 "messagingLimitTier":"%s","throughput":"STANDARD"}}""".formatted(java.util.UUID.randomUUID(),
					tenant, session, waba, revision, Instant.now(), quality, tier)))
			.get();
	}

	private static long launch(HttpJson client, long session, String name, List<String> phones) {
		long id = client.post("/v1/campaigns",
				Map.of("name", name, "gateway_session_id", session, "recipient_source", "manual", "custom_recipients",
						phones, "message_content", Map.of("type", "text", "text", "Hi"), "strategy", "burst"))
			.data()
			.get("id")
			.asLong();
		assertThat(client.post("/v1/campaigns/" + id + "/launch", "").status()).isEqualTo(200);
		return id;
	}

	private HttpJson client(long tenant) {
		return new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenant, Environment.TEST));
	}

	/**
	 * The numbers handed to messaging (no longer pending), once {@code count} of them
	 * were.
	 */
	private static Set<String> dispatched(HttpJson client, long campaign, int count) {
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> numbers(client, campaign).size() >= count);
		return numbers(client, campaign);
	}

	private static Set<String> numbers(HttpJson client, long campaign) {
		return client.get("/v1/campaigns/" + campaign + "/recipients?limit=100")
			.data()
			.valueStream()
			.filter((r) -> !r.get("status").asString().equals("pending"))
			.map((r) -> r.get("phone").asString())
			.collect(Collectors.toSet());
	}

}
