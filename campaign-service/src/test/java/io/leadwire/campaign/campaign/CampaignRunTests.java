package io.leadwire.campaign.campaign;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.leadwire.campaign.PeersStub;
import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.testing.EventCapture;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;
import io.leadwire.testing.TestSecrets;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A launch freezes the recipients and the session's loop emits one dispatch request per
 * sendable recipient on {@code campaign.dispatch}, keyed by the session.
 */
@ServiceTest
class CampaignRunTests {

	@LocalServerPort
	int port;

	@Autowired
	MongoTemplate mongo;

	@Test
	void aLaunchFreezesTheRecipientsAndEmitsOneRequestEach() {
		long tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		long session = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		PeersStub.session(tenant, session);
		HttpJson test = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenant, Environment.TEST));
		long id = test
			.post("/v1/campaigns",
					Map.of("name", "Run", "gateway_session_id", session, "recipient_source", "manual",
							"custom_recipients", List.of("254712345671", "254712345672", "254712345671"),
							"message_content", Map.of("type", "text", "text", "Hi"), "strategy", "burst"))
			.data()
			.get("id")
			.asLong();
		HttpJson.Response launched = test.post("/v1/campaigns/" + id + "/launch", "");
		assertThat(launched.status()).as(launched.body()).isEqualTo(200);
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> test.get("/v1/campaigns/" + id).data().get("audience").isObject());
		JsonNode audience = test.get("/v1/campaigns/" + id).data().get("audience");
		assertThat(audience.get("recipients").asLong()).isEqualTo(2);
		List<JsonNode> requests = EventCapture.await("campaign.dispatch",
				(event) -> event.at("/payload/campaignId").asLong() == id, Duration.ofSeconds(20));
		assertThat(requests).isNotEmpty();
		assertThat(requests.get(0).at("/payload/sessionId").asLong()).isEqualTo(session);
		assertThat(test.get("/v1/campaigns/" + id + "/recipients").data()).extracting((r) -> r.get("status").asString())
			.containsOnly("sending");
	}

	@Test
	void statusesMoveRecipientsForwardOnlyWhateverTheOrderAndAnalyticsCountThemOnce() throws Exception {
		long tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		long session = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		PeersStub.session(tenant, session);
		HttpJson test = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenant, Environment.TEST));
		long id = test
			.post("/v1/campaigns",
					Map.of("name", "Stats", "gateway_session_id", session, "recipient_source", "manual",
							"custom_recipients", List.of("254712345681", "254712345682", "254712345683"),
							"message_content", Map.of("type", "text", "text", "Hi"), "strategy", "burst"))
			.data()
			.get("id")
			.asLong();
		test.post("/v1/campaigns/" + id + "/launch", "");
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> test.get("/v1/campaigns/" + id + "/recipients?status=sending").data().size() == 3);
		try (org.apache.kafka.clients.producer.KafkaProducer<String, String> producer = producer()) {
			// 681: read arrives first, then delivered and sent, all twice; 682: failed;
			// 683: sent.
			for (int round = 0; round < 2; round++) {
				for (String status : List.of("read", "delivered", "sent")) {
					send(producer, id, "+254712345681", status);
				}
				send(producer, id, "+254712345682", "failed");
				send(producer, id, "+254712345683", "sent");
			}
			// Marked as a single send's status by its header: passed over unparsed, so
			// this "read" (which names the campaign) never moves 683.
			ProducerRecord<String, String> single = new ProducerRecord<>("message.status", "+254712345683",
					status(id, "+254712345683", "read"));
			single.headers().add("leadwire-campaign", "none".getBytes(java.nio.charset.StandardCharsets.UTF_8));
			producer.send(single).get();
		}
		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode analytics = test.get("/v1/campaigns/" + id + "/analytics").data();
			assertThat(analytics.get("total").asLong()).isEqualTo(3);
			assertThat(analytics.get("sent").asLong()).isEqualTo(2);
			assertThat(analytics.get("delivered").asLong()).isEqualTo(1);
			assertThat(analytics.get("read").asLong()).isEqualTo(1);
			assertThat(analytics.get("failed").asLong()).isEqualTo(1);
			assertThat(analytics.get("pending").asLong()).isZero();
			// Over the attempted messages: 681 and 683 sent, 682 failed; 681 delivered.
			assertThat(analytics.get("attempted").asLong()).isEqualTo(3);
			assertThat(analytics.get("deliveryRate").asDouble()).isEqualTo(33.3);
			assertThat(analytics.get("failureRate").asDouble()).isEqualTo(33.3);
			assertThat(analytics.get("failureReasons").get("provider_error").asLong()).isEqualTo(1);
			assertThat(analytics.get("readRate").asDouble()).isEqualTo(100.0);
		});
		assertThat(test.get("/v1/campaigns/" + id + "/recipients").data()).extracting((r) -> r.get("status").asString())
			.containsExactly("read", "failed", "sent");
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> test.get("/v1/campaigns/" + id).data().get("status").asString().equals("completed"));
		JsonNode day = test.get("/v1/campaigns/" + id + "/analytics?period=24h").data();
		assertThat(List.of(day.get("total").asLong(), day.get("sent").asLong(), day.get("delivered").asLong(),
				day.get("read").asLong(), day.get("failed").asLong(), day.get("pending").asLong()))
			.as("total, sent, delivered, read, failed, pending within 24 h")
			.containsExactly(3L, 2L, 1L, 1L, 1L, 0L);
		assertThat(test.get("/v1/campaigns/" + id + "/analytics?period=year").status()).isEqualTo(422);
	}

	@Test
	void aPacedCampaignHandsOverItsNextSecondsWithTheirTimesAndTellsMessagingOfEachPauseResumeAndCancel()
			throws Exception {
		long tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		long session = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		PeersStub.session(tenant, session);
		HttpJson test = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenant, Environment.TEST));
		List<String> phones = List.of("254712345691", "254712345692", "254712345693", "254712345694", "254712345695",
				"254712345696", "254712345697", "254712345698", "254712345699");
		long id = test
			.post("/v1/campaigns",
					Map.of("name", "Paced", "gateway_session_id", session, "recipient_source", "manual",
							"custom_recipients", phones, "message_content", Map.of("type", "text", "text", "Hi"),
							"strategy", "sequential", "rate_per_minute", 60, "anti_ban_enabled", false))
			.data()
			.get("id")
			.asLong();
		test.post("/v1/campaigns/" + id + "/launch", "");
		// At 60/min, the recipients due within five seconds are handed over at once,
		// each a second after the one before; the rest wait for their turn.
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> test.get("/v1/campaigns/" + id + "/recipients?status=sending").data().size() >= 5);
		assertThat(test.get("/v1/campaigns/" + id + "/recipients?status=sending").data().size()).isLessThanOrEqualTo(7);
		List<JsonNode> requests = EventCapture.await("campaign.dispatch",
				(event) -> event.at("/payload/campaignId").asLong() == id
						&& event.at("/payload/to").asString().equals("+254712345695"),
				Duration.ofSeconds(20));
		List<JsonNode> first = EventCapture.await("campaign.dispatch",
				(event) -> event.at("/payload/campaignId").asLong() == id
						&& event.at("/payload/to").asString().equals("+254712345691"),
				Duration.ofSeconds(20));
		java.time.Instant fifth = java.time.Instant.parse(requests.get(0).at("/payload/notBefore").asString());
		java.time.Instant firstAt = java.time.Instant.parse(first.get(0).at("/payload/notBefore").asString());
		assertThat(java.time.Duration.between(firstAt, fifth).toMillis()).as("four gaps of a second")
			.isBetween(3900L, 4100L);

		assertThat(test.post("/v1/campaigns/" + id + "/pause", "").status()).isEqualTo(200);
		assertThat(test.post("/v1/campaigns/" + id + "/resume", "").status()).isEqualTo(200);
		assertThat(test.post("/v1/campaigns/" + id + "/cancel", "").status()).isEqualTo(200);
		long version = this.mongo.findById(id, Campaign.class).version();
		for (String status : List.of("paused", "running", "cancelled")) {
			List<JsonNode> control = EventCapture.await("campaign.control",
					(event) -> event.at("/payload/campaignId").asLong() == id
							&& event.at("/payload/status").asString().equals(status),
					Duration.ofSeconds(20));
			assertThat(control).hasSize(1);
			assertThat(control.get(0).at("/payload/sessionId").asLong()).isEqualTo(session);
			long expected = version - List.of("cancelled", "running", "paused").indexOf(status);
			assertThat(control.get(0).at("/payload/version").asLong()).as(status).isEqualTo(expected);
		}

		// Messaging drops a handed-over message of the cancelled campaign: never sent.
		try (org.apache.kafka.clients.producer.KafkaProducer<String, String> producer = producer()) {
			String value = """
					{"eventId":"%s","type":"MessageFailed","tenantId":%d,"environment":"test","payload":{"messageId":7,
					 "sessionId":%d,"campaignId":%d,"to":"+254712345691","status":"failed","at":"%s",
					 "error":"campaign_cancelled: the campaign was cancelled before this message was sent"}}"""
				.formatted(java.util.UUID.randomUUID(), tenant, session, id, java.time.Instant.now());
			producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("message.status", "k", value)).get();
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> test.get("/v1/campaigns/" + id + "/recipients?status=pending")
				.data()
				.valueStream()
				.anyMatch((r) -> r.get("phone").asString().equals("+254712345691")));
		assertThat(test.get("/v1/campaigns/" + id + "/analytics").data().get("failed").asLong()).isZero();
	}

	@Test
	void aLaunchNeedsAWorkingSessionAndLiveCreditsForEveryRecipient() {
		long tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		long session = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		PeersStub.session(tenant, session);
		HttpJson live = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenant, Environment.LIVE));
		long id = live.post("/v1/campaigns",
				Map.of("name", "Credits", "gateway_session_id", session, "recipient_source", "manual",
						"custom_recipients", List.of("254712345691", "254712345692"), "message_content",
						Map.of("type", "text", "text", "Hi")))
			.data()
			.get("id")
			.asLong();
		PeersStub.balance(tenant, 1);
		HttpJson.Response poor = live.post("/v1/campaigns/" + id + "/launch", "");
		assertThat(poor.status()).isEqualTo(402);
		assertThat(poor.code()).isEqualTo("insufficient_credits");
		PeersStub.sessionStatus(session, "SCAN_QR_CODE");
		PeersStub.balance(tenant, 2);
		HttpJson.Response scan = live.post("/v1/campaigns/" + id + "/launch", "");
		assertThat(scan.status()).isEqualTo(422);
		assertThat(scan.body()).contains("gatewaySessionId").contains("SCAN_QR_CODE");
		assertThat(live.get("/v1/campaigns/" + id).data().get("status").asString()).isEqualTo("draft");
		PeersStub.sessionStatus(session, "WORKING");
		assertThat(live.post("/v1/campaigns/" + id + "/launch", "").status()).isEqualTo(200);
	}

	@Test
	void aScheduledCampaignLaunchesByItselfWhenItsTimeComes() {
		long tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		long session = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		PeersStub.session(tenant, session);
		HttpJson test = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenant, Environment.TEST));
		String at = java.time.Instant.now()
			.plusSeconds(3)
			.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
			.toString();
		JsonNode scheduled = test.post("/v1/campaigns",
				Map.of("name", "Later", "gateway_session_id", session, "recipient_source", "manual",
						"custom_recipients", List.of("254712345693"), "message_content",
						Map.of("type", "text", "text", "Hi"), "scheduled_at", at))
			.data();
		assertThat(scheduled.get("status").asString()).isEqualTo("scheduled");
		long id = scheduled.get("id").asLong();
		Awaitility.await()
			.atMost(Duration.ofSeconds(15))
			.until(() -> !test.get("/v1/campaigns/" + id).data().get("status").asString().equals("scheduled"));
		JsonNode fired = test.get("/v1/campaigns/" + id).data();
		assertThat(fired.get("status").asString()).isIn("running", "completed");
		assertThat(java.time.Instant.parse(fired.get("launchedAt").asString()))
			.isAfterOrEqualTo(java.time.Instant.parse(at));
	}

	@Test
	void aCampaignPausesByItselfOnABanSignalAFailureStreakOrAFailedSession() throws Exception {
		long tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		long session = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		PeersStub.session(tenant, session);
		HttpJson test = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenant, Environment.TEST));
		List<String> phones = new java.util.ArrayList<>();
		for (int i = 10; i < 40; i++) {
			phones.add("2547123457" + i);
		}
		java.util.function.Supplier<Long> launch = () -> {
			long id = test.post("/v1/campaigns",
					Map.of("name", "Streak", "gateway_session_id", session, "recipient_source", "manual",
							"custom_recipients", phones, "message_content", Map.of("type", "text", "text", "Hi"),
							"strategy", "burst"))
				.data()
				.get("id")
				.asLong();
			test.post("/v1/campaigns/" + id + "/launch", "");
			Awaitility.await()
				.atMost(Duration.ofSeconds(20))
				.until(() -> test.get("/v1/campaigns/" + id + "/recipients?status=sending&limit=100")
					.data()
					.size() == 30);
			return id;
		};

		long streak = launch.get();
		try (org.apache.kafka.clients.producer.KafkaProducer<String, String> producer = producer()) {
			for (int i = 10; i < 20; i++) {
				send(producer, streak, "+2547123457" + i, "failed");
			}
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> test.get("/v1/campaigns/" + streak).data().get("status").asString().equals("paused"));
		assertThat(test.get("/v1/campaigns/" + streak).data().get("pauseReason").asString())
			.contains("10 messages in a row failed");
		assertThat(
				EventCapture.await("campaign.events",
						(event) -> event.get("type").asString().equals("CampaignAutoPaused")
								&& event.at("/payload/campaignId").asLong() == streak,
						Duration.ofSeconds(15)))
			.hasSize(1);

		long banned = launch.get();
		try (org.apache.kafka.clients.producer.KafkaProducer<String, String> producer = producer()) {
			producer
				.send(new org.apache.kafka.clients.producer.ProducerRecord<>("message.status", "x",
						"""
								{"eventId":"%s","type":"MessageFailed","tenantId":1,"environment":"test","payload":{"messageId":7,
								 "sessionId":1,"campaignId":%d,"to":"+254712345710","status":"failed",
								 "error":"Meta refused the message (131048): Spam rate limit hit"}}"""
							.formatted(java.util.UUID.randomUUID(), banned)))
				.get();
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> test.get("/v1/campaigns/" + banned).data().get("status").asString().equals("paused"));
		assertThat(test.get("/v1/campaigns/" + banned).data().get("pauseReason").asString()).contains("131048");

		long sessionFailed = launch.get();
		try (org.apache.kafka.clients.producer.KafkaProducer<String, String> producer = producer()) {
			producer
				.send(new org.apache.kafka.clients.producer.ProducerRecord<>("messaging.events", Long.toString(session),
						"""
								{"eventId":"%s","type":"SessionStatusChanged","tenantId":%d,"environment":"test",
								 "payload":{"sessionId":%d,"status":"FAILED","revision":2}}"""
							.formatted(java.util.UUID.randomUUID(), tenant, session)))
				.get();
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> test.get("/v1/campaigns/" + sessionFailed).data().get("status").asString().equals("paused"));
		assertThat(test.get("/v1/campaigns/" + sessionFailed).data().get("pauseReason").asString())
			.contains("session is FAILED");

		// A resume checks what a launch checks: the campaign stays paused while its
		// session
		// is not WORKING, or gone, instead of failing every recipient left.
		PeersStub.sessionStatus(session, "FAILED");
		HttpJson.Response refused = test.post("/v1/campaigns/" + sessionFailed + "/resume", "");
		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.body()).contains("gatewaySessionId").contains("FAILED");
		PeersStub.sessionDeleted(tenant, session);
		assertThat(test.post("/v1/campaigns/" + sessionFailed + "/resume", "").status()).isEqualTo(404);
		assertThat(test.get("/v1/campaigns/" + sessionFailed).data().get("status").asString()).isEqualTo("paused");
		PeersStub.session(tenant, session);
		PeersStub.sessionStatus(session, "WORKING");
		assertThat(test.post("/v1/campaigns/" + sessionFailed + "/resume", "").status()).isEqualTo(200);
		assertThat(test.get("/v1/campaigns/" + sessionFailed).data().get("status").asString()).isIn("running",
				"completed");
	}

	static void send(org.apache.kafka.clients.producer.KafkaProducer<String, String> producer, long campaign, String to,
			String status) throws Exception {
		producer.send(new ProducerRecord<>("message.status", to, status(campaign, to, status))).get();
	}

	static String status(long campaign, String to, String status) {
		return status(campaign, to, status, java.time.Instant.now());
	}

	/** A status event of {@code at} (a test's moved clock). */
	static String status(long campaign, String to, String status, java.time.Instant at) {
		return """
				{"eventId":"%s","type":"Message%s","tenantId":1,"environment":"test","payload":{"messageId":%d,
				 "sessionId":1,"campaignId":%d,"to":"%s","status":"%s","at":"%s"}}""".formatted(
				java.util.UUID.randomUUID(), status, ThreadLocalRandom.current().nextLong(1, 1L << 40), campaign, to,
				status, at);
	}

	static org.apache.kafka.clients.producer.KafkaProducer<String, String> producer() {
		return new org.apache.kafka.clients.producer.KafkaProducer<>(
				Map.of(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
						io.leadwire.testing.SharedInfrastructure.get().kafkaBootstrapServers(),
						org.apache.kafka.clients.producer.ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
						org.apache.kafka.common.serialization.StringSerializer.class,
						org.apache.kafka.clients.producer.ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
						org.apache.kafka.common.serialization.StringSerializer.class));
	}

}
