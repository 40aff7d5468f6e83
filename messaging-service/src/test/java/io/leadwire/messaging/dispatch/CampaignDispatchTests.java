package io.leadwire.messaging.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.testing.EventCapture;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;
import io.leadwire.testing.SharedInfrastructure;
import io.leadwire.testing.TestSecrets;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A campaign's dispatch request, delivered three times (redelivery), becomes one message
 * sent once, whose statuses carry the campaign; a live request the wallet cannot cover
 * fails its message instead of sending it.
 */
@ServiceTest
class CampaignDispatchTests {

	@LocalServerPort
	int port;

	@org.springframework.beans.factory.annotation.Autowired
	io.leadwire.messaging.provider.sandbox.SandboxProvider sandbox;

	@Test
	void aRedeliveredCampaignRequestIsOneMessageSentOnce() throws Exception {
		long tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		HttpJson test = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenant, Environment.TEST));
		long session = test.post("/v1/sessions", Map.of("name", "Campaigns", "ratePerMinute", 6000))
			.data()
			.get("id")
			.asLong();
		long campaign = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		String request = request(tenant, "test", session, campaign, "+254110377776", "Hi Ana");
		try (KafkaProducer<String, String> producer = producer()) {
			for (int i = 0; i < 3; i++) {
				producer.send(new ProducerRecord<>("campaign.dispatch", Long.toString(session), request)).get();
			}
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> test.get("/v1/messages?campaignId=" + campaign).data().size() == 1
					&& test.get("/v1/messages?campaignId=" + campaign)
						.data()
						.get(0)
						.get("status")
						.asString()
						.equals("read"));
		Thread.sleep(500);
		assertThat(test.get("/v1/sandbox/messages?campaignId=" + campaign).data()).as("sent once").hasSize(1);
		JsonNode message = test.get("/v1/messages?campaignId=" + campaign).data().get(0);
		assertThat(message.get("to").asString()).isEqualTo("+254110377776");
		assertThat(
				EventCapture.await("message.status",
						(event) -> event.get("type").asString().equals("MessageSent")
								&& event.at("/payload/campaignId").asLong() == campaign,
						Duration.ofSeconds(10)))
			.hasSize(1);
	}

	@Test
	void aLiveCampaignMessageTheWalletCannotCoverFails() throws Exception {
		long tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		HttpJson live = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenant, Environment.LIVE));
		long session = live.post("/v1/sessions", Map.of("name", "Campaigns", "ratePerMinute", 6000))
			.data()
			.get("id")
			.asLong();
		long campaign = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		try (KafkaProducer<String, String> producer = producer()) {
			producer
				.send(new ProducerRecord<>("campaign.dispatch", Long.toString(session),
						request(tenant, "live", session, campaign, "+254110377771", "Hi")))
				.get();
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> live.get("/v1/messages?campaignId=" + campaign).data().size() == 1
					&& live.get("/v1/messages?campaignId=" + campaign)
						.data()
						.get(0)
						.get("status")
						.asString()
						.equals("failed"));
		assertThat(live.get("/v1/messages?campaignId=" + campaign).data().get(0).get("error").asString())
			.startsWith("insufficient_credits");
		assertThat(live.get("/v1/sandbox/messages?campaignId=" + campaign).data()).isEmpty();
	}

	@Test
	void aPollOfLiveCampaignMessagesIsDebitedOnceEachAndThoseNotCoveredFail() throws Exception {
		long tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		HttpJson live = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenant, Environment.LIVE));
		assertThat(
				new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER, TestSecrets.platformAdmin())
					.post("/v1/wallet/top-up", Map.of("tenantId", tenant, "credits", 3))
					.status())
			.isEqualTo(200);
		long session = live.post("/v1/sessions", Map.of("name", "Campaigns", "ratePerMinute", 6000))
			.data()
			.get("id")
			.asLong();
		long campaign = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		List<String> requests = new java.util.ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			requests.add(request(tenant, "live", session, campaign, "+25471234561" + i, "Hi " + i));
		}
		try (KafkaProducer<String, String> producer = producer()) {
			// Sent twice: the redelivered poll is debited nothing more.
			for (int round = 0; round < 2; round++) {
				for (String request : requests) {
					producer.send(new ProducerRecord<>("campaign.dispatch", Long.toString(session), request));
				}
				producer.flush();
			}
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> live.get("/v1/messages?campaignId=" + campaign)
				.data()
				.valueStream()
				.filter((m) -> !m.get("status").asString().equals("queued"))
				.count() == 5);
		Thread.sleep(500);
		List<JsonNode> messages = live.get("/v1/messages?campaignId=" + campaign).data().valueStream().toList();
		assertThat(messages).hasSize(5);
		assertThat(messages.stream().filter((m) -> m.get("status").asString().equals("failed")))
			.as("the two the balance of 3 did not cover")
			.hasSize(2)
			.allSatisfy((m) -> assertThat(m.get("error").asString()).startsWith("insufficient_credits"));
		assertThat(live.get("/v1/sandbox/messages?campaignId=" + campaign).data()).hasSize(3);
		assertThat(live.get("/v1/wallet").data().get("balance").asLong()).isZero();
		assertThat(live.get("/v1/wallet/ledger")
			.data()
			.valueStream()
			.filter((e) -> e.get("reason").asString().equals("message"))).hasSize(3);

		// Covered: four more (in one write when they share a poll), each debited once.
		new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER, TestSecrets.platformAdmin())
			.post("/v1/wallet/top-up", Map.of("tenantId", tenant, "credits", 10));
		try (KafkaProducer<String, String> producer = producer()) {
			for (int i = 6; i <= 9; i++) {
				producer.send(new ProducerRecord<>("campaign.dispatch", Long.toString(session),
						request(tenant, "live", session, campaign, "+25471234561" + i, "Hi " + i)));
			}
			producer.flush();
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> live.get("/v1/sandbox/messages?campaignId=" + campaign).data().size() == 7);
		assertThat(live.get("/v1/wallet").data().get("balance").asLong()).isEqualTo(6);
	}

	@Test
	void aSendThatTimesOutIsReconciledFromTheProvidersRecordNotSentAgain() throws Exception {
		long tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		HttpJson test = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenant, Environment.TEST));
		long session = test.post("/v1/sessions", Map.of("name", "Timeouts", "ratePerMinute", 6000))
			.data()
			.get("id")
			.asLong();
		long campaign = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		this.sandbox.timeoutRate(1.0);
		try (KafkaProducer<String, String> producer = producer()) {
			for (int i = 1; i <= 3; i++) {
				producer
					.send(new ProducerRecord<>("campaign.dispatch", Long.toString(session),
							request(tenant, "test", session, campaign, "+25411037777" + i, "Hi " + i)))
					.get();
			}
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.until(() -> test.get("/v1/messages?campaignId=" + campaign)
					.data()
					.valueStream()
					.filter((m) -> !m.get("status").asString().equals("queued"))
					.count() == 3);
		}
		finally {
			this.sandbox.timeoutRate(0);
		}
		assertThat(test.get("/v1/messages?campaignId=" + campaign).data())
			.allSatisfy((m) -> assertThat(m.get("status").asString()).isIn("sent", "delivered", "read"));
		assertThat(test.get("/v1/sandbox/messages?campaignId=" + campaign).data())
			.as("every timed-out send reached the provider once and was not sent again")
			.hasSize(3);
	}

	private static String request(long tenant, String environment, long session, long campaign, String to,
			String text) {
		return """
				{"eventId":"%s","type":"MessageDispatchRequested","occurredAt":"2026-11-29T10:00:00Z","tenantId":%d,
				 "environment":"%s","payload":{"sessionId":%d,"campaignId":%d,"recipientId":"%d:%s","to":"%s",
				 "type":"text","text":"%s"}}""".formatted(UUID.randomUUID(), tenant, environment, session, campaign,
				campaign, to, to, text);
	}

	private static KafkaProducer<String, String> producer() {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedInfrastructure.get().kafkaBootstrapServers(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
				StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
	}

}
