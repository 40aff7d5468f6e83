package io.leadwire.campaign.campaign;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

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
		}
		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode analytics = test.get("/v1/campaigns/" + id + "/analytics").data();
			assertThat(analytics.get("total").asLong()).isEqualTo(3);
			assertThat(analytics.get("sent").asLong()).isEqualTo(2);
			assertThat(analytics.get("delivered").asLong()).isEqualTo(1);
			assertThat(analytics.get("read").asLong()).isEqualTo(1);
			assertThat(analytics.get("failed").asLong()).isEqualTo(1);
			assertThat(analytics.get("pending").asLong()).isZero();
			assertThat(analytics.get("deliveryRate").asDouble()).isEqualTo(50.0);
			assertThat(analytics.get("readRate").asDouble()).isEqualTo(100.0);
		});
		assertThat(test.get("/v1/campaigns/" + id + "/recipients").data()).extracting((r) -> r.get("status").asString())
			.containsExactly("read", "failed", "sent");
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> test.get("/v1/campaigns/" + id).data().get("status").asString().equals("completed"));
		assertThat(test.get("/v1/campaigns/" + id + "/analytics?period=24h").data().get("sent").asLong()).isEqualTo(2);
		assertThat(test.get("/v1/campaigns/" + id + "/analytics?period=year").status()).isEqualTo(422);
	}

	private static void send(org.apache.kafka.clients.producer.KafkaProducer<String, String> producer, long campaign,
			String to, String status) throws Exception {
		String value = """
				{"eventId":"%s","type":"Message%s","tenantId":1,"environment":"test","payload":{"messageId":%d,
				 "sessionId":1,"campaignId":%d,"to":"%s","status":"%s","at":"%s"}}""".formatted(
				java.util.UUID.randomUUID(), status, ThreadLocalRandom.current().nextLong(1, 1L << 40), campaign, to,
				status, java.time.Instant.now());
		producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("message.status", to, value)).get();
	}

	private static org.apache.kafka.clients.producer.KafkaProducer<String, String> producer() {
		return new org.apache.kafka.clients.producer.KafkaProducer<>(
				Map.of(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
						io.leadwire.testing.SharedInfrastructure.get().kafkaBootstrapServers(),
						org.apache.kafka.clients.producer.ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
						org.apache.kafka.common.serialization.StringSerializer.class,
						org.apache.kafka.clients.producer.ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
						org.apache.kafka.common.serialization.StringSerializer.class));
	}

}
