package io.leadwire.messaging.provider.cloud;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.messaging.crypto.WebhookSignatures;
import io.leadwire.messaging.message.Message;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;
import io.leadwire.testing.SharedInfrastructure;
import io.leadwire.testing.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Meta's webhooks (PROVIDERS.md): the subscription handshake, signatures, statuses out of
 * order and twice, an inbound STOP.
 */
@ServiceTest
class CloudWebhookTests {

	static final String APP_SECRET = "test-cloud-app-secret";

	@LocalServerPort
	int port;

	@Autowired
	MongoOperations mongo;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry meters;

	long tenant;

	HttpJson live;

	HttpJson plain;

	@BeforeEach
	void setUp() {
		this.tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		this.live = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(this.tenant, Environment.LIVE));
		this.plain = new HttpJson("http://127.0.0.1:" + this.port);
	}

	@Test
	void theHandshakeEchoesTheChallengeOnlyForOurVerifyToken() {
		HttpJson.Response ok = this.plain.get(
				"/v1/webhooks/cloud?hub.mode=subscribe&hub.verify_token=test-cloud-verify-token&hub.challenge=1158201444");
		assertThat(ok.status()).isEqualTo(200);
		assertThat(ok.body()).isEqualTo("1158201444");
		assertThat(ok.header("Content-Type")).startsWith("text/plain");
		for (String query : java.util.List.of("?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1", "")) {
			HttpJson.Response refused = this.plain.get("/v1/webhooks/cloud" + query);
			assertThat(refused.status()).isEqualTo(403);
			// In the envelope with its own code (issue 26: bad_request, from the
			// gateway's
			// fallback).
			assertThat(refused.code()).isEqualTo("forbidden");
		}
	}

	@Test
	void statusesMoveForwardOnlyAndAStopOptsOut() {
		String phoneNumberId = Long.toString(200000000000000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));
		HttpJson.Response session = this.live.post("/v1/sessions", Map.of("name", "Cloud", "provider", "cloud",
				"waba_id", "102290129340398", "phone_number_id", phoneNumberId, "access_token", "EAAG-secret-token"));
		assertThat(session.status()).as(session.body()).isEqualTo(201);
		assertThat(session.body()).doesNotContain("EAAG-secret-token");
		assertThat(session.data().get("capabilities").get("unsupported").has("poll")).isTrue();
		long sessionId = session.data().get("id").asLong();
		long messageId = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
		Instant now = Instant.now();
		this.mongo.insert(new Message(messageId, this.tenant, Environment.LIVE, sessionId, null, "outbound",
				"+254110377776", null, "text", Map.of("message", "hi"), "sent", 1,
				List.of(new Message.StatusChange("sent", now)), null, sessionId + ":wamid.ABC", null, now, now, null));

		io.micrometer.core.instrument.Counter leanAccepted = this.meters.counter("leadwire.webhooks.requests",
				"provider", "cloud", "outcome", "accepted");
		double before = leanAccepted.count();
		assertThat(post(statuses(phoneNumberId, "read"), "sha256=" + "0".repeat(64)).status()).isEqualTo(401);
		assertThat(post(statuses(phoneNumberId, "read"), null).status()).isEqualTo(401);
		HttpJson.Response first = signed(statuses(phoneNumberId, "read"));
		assertThat(first.status()).isEqualTo(200);
		// Answered on the lean path (issue 25, item 5), in the envelope, with a request
		// id.
		assertThat(leanAccepted.count()).isEqualTo(before + 1);
		assertThat(first.body()).contains("\"success\":true");
		assertThat(first.header("X-Request-Id")).isNotBlank();
		assertThat(signed(statuses(phoneNumberId, "delivered")).status()).isEqualTo(200);
		assertThat(signed(statuses(phoneNumberId, "read")).status()).isEqualTo(200);

		JsonNode message = this.live.get("/v1/messages/" + messageId).data();
		assertThat(message.get("status").asString()).isEqualTo("read");
		assertThat(message.get("statusHistory")).extracting((change) -> change.get("status").asString())
			.containsExactly("sent", "read");

		String stop = """
				{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
				 "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001","phone_number_id":"%s"},
				 "contacts":[{"profile":{"name":"Ana"},"wa_id":"254110377776"}],
				 "messages":[{"from":"254110377776","id":"wamid.IN1","timestamp":"1764410000","type":"text",
				              "text":{"body":"Stop"}}]}}]}]}"""
			.formatted(phoneNumberId);
		assertThat(signed(stop).status()).isEqualTo(200);
		assertThat(signed(stop).status()).isEqualTo(200);
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.live.get("/v1/messages?direction=inbound").data().size() == 1);
		List<JsonNode> optOuts = io.leadwire.testing.EventCapture.await("messaging.events",
				(event) -> event.get("type").asString().equals("OptOutRequested")
						&& event.get("tenantId").asLong() == this.tenant,
				Duration.ofSeconds(15));
		assertThat(optOuts).hasSize(1);
		assertThat(optOuts.get(0).get("payload").get("phone").asString()).isEqualTo("+254110377776");
		// For tenants' webhooks (message.inbound): once, however often Meta posts it.
		List<JsonNode> received = io.leadwire.testing.EventCapture.await("messaging.events",
				(event) -> event.get("type").asString().equals("MessageReceived")
						&& event.get("tenantId").asLong() == this.tenant,
				Duration.ofSeconds(15));
		assertThat(received).hasSize(1);
		assertThat(received.get(0).get("payload").get("from").asString()).isEqualTo("+254110377776");
		assertThat(received.get(0).get("payload").get("text").asString()).isEqualTo("Stop");
	}

	@Test
	void outsideTheCustomerWindowACloudSessionSendsOnlyTemplates() {
		new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER, TestSecrets.platformAdmin())
			.post("/v1/wallet/top-up", Map.of("tenantId", this.tenant, "credits", 10));
		String phoneNumberId = Long.toString(300000000000000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));
		long sessionId = cloudSession(phoneNumberId);
		HttpJson.Response text = this.live.post("/v1/messages",
				Map.of("session_id", sessionId, "to", "254110377775", "type", "text", "message", "Hello"));
		assertThat(text.status()).isEqualTo(422);
		assertThat(text.body()).contains("\"field\":\"type\"").contains("within 24 h").contains("template");

		HttpJson.Response template = this.live.post("/v1/messages",
				Map.of("session_id", sessionId, "to", "254110377775", "type", "template", "template_name",
						"order_update", "language", "en_US", "parameters", List.of("42")));
		assertThat(template.status()).as(template.body()).isEqualTo(202);
		JsonNode stored = this.live.get("/v1/messages/" + template.data().get("messageId").asLong()).data();
		assertThat(stored.get("type").asString()).isEqualTo("template");
		assertThat(this.live
			.post("/v1/messages",
					Map.of("session_id", sessionId, "to", "254110377775", "type", "template", "template_name",
							"Bad Name"))
			.status()).isEqualTo(422);

		// The recipient writes first: its window opens for 24 h from its message's time.
		String hello = """
				{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
				 "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001","phone_number_id":"%s"},
				 "contacts":[{"profile":{"name":"Ana"},"wa_id":"254110377775"}],
				 "messages":[{"from":"254110377775","id":"wamid.HELLO%d","timestamp":"%d","type":"text",
				              "text":{"body":"Hello, is this the shop?"}}]}}]}]}"""
			.formatted(phoneNumberId, sessionId, Instant.now().getEpochSecond());
		assertThat(signed(hello).status()).isEqualTo(200);
		assertThat(this.live
			.post("/v1/messages",
					Map.of("session_id", sessionId, "to", "254110377775", "type", "text", "message", "Yes, welcome!"))
			.status()).isEqualTo(202);
		assertThat(this.live
			.post("/v1/messages",
					Map.of("session_id", sessionId, "to", "254110377774", "type", "text", "message", "Someone else"))
			.status()).as("another number's window is closed").isEqualTo(422);
	}

	@Test
	void aSendWhoseAnswerWasLostIsSettledByMetasStatusNamingItAndNeverSentAgain() throws Exception {
		String phoneNumberId = Long.toString(400000000000000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));
		long sessionId = cloudSession(phoneNumberId);
		// Two messages handed to Meta by a replica that died before the answer came.
		long named = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
		long unnamed = named + 1;
		Instant sendingAt = Instant.now().minusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
		for (long id : List.of(named, unnamed)) {
			this.mongo.insert(new Message(id, this.tenant, Environment.LIVE, sessionId, null, "outbound",
					"+254110377776", null, "text", Map.of("message", "hi"), "queued", 0,
					List.of(new Message.StatusChange("queued", sendingAt)), null, null, sendingAt, sendingAt, sendingAt,
					null));
		}
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().kafkaBootstrapServers(),
						ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
						ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
			for (long id : List.of(named, unnamed)) {
				producer
					.send(new ProducerRecord<>("campaign.dispatch", Long.toString(sessionId),
							"""
									{"eventId":"%s","type":"MessageDispatchRequested","tenantId":%d,"environment":"live",
									 "payload":{"messageId":%d,"sessionId":%d}}"""
								.formatted(UUID.randomUUID(), this.tenant, id, sessionId)))
					.get();
			}
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(15))
			.until(() -> this.mongo.findById(named, org.bson.Document.class, "messages")
				.containsKey("awaitingRecordSince"));

		String status = """
				{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
				 "value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"%s"},
				 "statuses":[{"id":"wamid.LOST1","status":"delivered","timestamp":"1764410000",
				              "recipient_id":"254110377776","biz_opaque_callback_data":"%d"}]}}]}]}"""
			.formatted(phoneNumberId, named);
		assertThat(signed(status).status()).isEqualTo(200);
		JsonNode settled = this.live.get("/v1/messages/" + named).data();
		assertThat(settled.get("status").asString()).isEqualTo("delivered");
		Awaitility.await()
			.atMost(Duration.ofSeconds(15))
			.until(() -> this.live.get("/v1/messages/" + unnamed).data().get("status").asString().equals("failed"));
		assertThat(this.live.get("/v1/messages/" + unnamed).data().get("error").asString()).contains("no record of it");
		for (long id : List.of(named, unnamed)) {
			assertThat(this.mongo.findById(id, org.bson.Document.class, "messages").get("attempts"))
				.as("never handed to Meta again")
				.isNull();
		}
		org.bson.Document stored = this.mongo.findById(named, org.bson.Document.class, "messages");
		assertThat(stored.getString("providerRef")).isEqualTo(sessionId + ":wamid.LOST1");
	}

	@Test
	void metasQualityAndLimitWebhooksKeepTheNumbersStandingOnceEach() {
		// Meta's own example bodies (its webhook reference), with this test's account.
		String waba = Long.toString(500000000000000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));
		String phoneNumberId = Long.toString(600000000000000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));
		HttpJson.Response created = this.live.post("/v1/sessions", Map.of("name", "Cloud", "provider", "cloud",
				"waba_id", waba, "phone_number_id", phoneNumberId, "access_token", "EAAG-secret-token"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		long sessionId = created.data().get("id").asLong();
		// Meta could not be asked here (no Graph API): what a new number is assumed to
		// be.
		JsonNode health = created.data().get("numberHealth");
		assertThat(health.get("qualityRating").asString()).isEqualTo("UNKNOWN");
		assertThat(health.get("messagingLimitTier").isNull()).isTrue();
		assertThat(health.get("throughputPerSecond").asInt()).isEqualTo(80);

		String capability = """
				{"entry":[{"id":"%s","time":1739321024,"changes":[{"value":{
				 "max_daily_conversations_per_business":"TIER_2K","max_phone_numbers_per_waba":25},
				 "field":"business_capability_update"}]}],"object":"whatsapp_business_account"}""".formatted(waba);
		assertThat(signed(capability).status()).isEqualTo(200);
		health = this.live.get("/v1/sessions/" + sessionId).data().get("numberHealth");
		assertThat(health.get("messagingLimitTier").asString()).isEqualTo("TIER_2K");
		assertThat(health.get("messagingLimit").asInt()).isEqualTo(2000);
		long revision = revision(sessionId);
		assertThat(signed(capability).status()).isEqualTo(200);
		assertThat(revision(sessionId)).as("the same webhook again changes nothing").isEqualTo(revision);

		String flagged = """
				{"entry":[{"id":"%s","time":1748454394,"changes":[{"value":{"display_phone_number":"15550783881",
				 "event":"FLAGGED","current_limit":"TIER_2K"},"field":"phone_number_quality_update"}]}],
				 "object":"whatsapp_business_account"}""".formatted(waba);
		assertThat(signed(flagged).status()).isEqualTo(200);
		assertThat(
				this.live.get("/v1/sessions/" + sessionId).data().get("numberHealth").get("qualityRating").asString())
			.isEqualTo("RED");
		String upgraded = """
				{"entry":[{"id":"%s","time":1748454394,"changes":[{"value":{"display_phone_number":"15550783881",
				 "event":"THROUGHPUT_UPGRADE","current_limit":"TIER_UNLIMITED"},"field":"phone_number_quality_update"}]}],
				 "object":"whatsapp_business_account"}"""
			.formatted(waba);
		assertThat(signed(upgraded).status()).isEqualTo(200);
		health = this.live.get("/v1/sessions/" + sessionId).data().get("numberHealth");
		assertThat(health.get("throughputPerSecond").asInt()).isEqualTo(1000);
		assertThat(health.get("messagingLimitTier").asString())
			.as("on a throughput upgrade current_limit names the throughput, not the messaging limit")
			.isEqualTo("TIER_2K");

		// Each change went out as a new revision of the session, with Meta's facts.
		List<JsonNode> events = io.leadwire.testing.EventCapture.await("messaging.events",
				(event) -> event.get("type").asString().equals("SessionStatusChanged")
						&& event.get("payload").get("sessionId").asLong() == sessionId
						&& "HIGH".equals(event.get("payload").path("throughput").asString(null)),
				Duration.ofSeconds(15));
		assertThat(events).hasSize(1);
		assertThat(events.get(0).get("payload").get("qualityRating").asString()).isEqualTo("RED");
		assertThat(events.get(0).get("payload").get("messagingLimitTier").asString()).isEqualTo("TIER_2K");
	}

	private long revision(long sessionId) {
		return ((Number) this.mongo.findById(sessionId, org.bson.Document.class, "sessions").get("revision"))
			.longValue();
	}

	private long cloudSession(String phoneNumberId) {
		return this.live
			.post("/v1/sessions", Map.of("name", "Cloud", "provider", "cloud", "waba_id", "102290129340398",
					"phone_number_id", phoneNumberId, "access_token", "EAAG-secret-token"))
			.data()
			.get("id")
			.asLong();
	}

	private String statuses(String phoneNumberId, String status) {
		return """
				{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
				 "value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"%s"},
				 "statuses":[{"id":"wamid.ABC","status":"%s","timestamp":"1764410000","recipient_id":"254110377776"}]}}]}]}"""
			.formatted(phoneNumberId, status);
	}

	private HttpJson.Response signed(String body) {
		return post(body, "sha256=" + WebhookSignatures.hmacHex("HmacSHA256", APP_SECRET,
				body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
	}

	private HttpJson.Response post(String body, String signature) {
		return ((signature != null) ? this.plain.header("X-Hub-Signature-256", signature) : this.plain)
			.post("/v1/webhooks/cloud", body);
	}

}
