package io.leadwire.messaging.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.messaging.provider.sandbox.SandboxLatency;
import io.leadwire.messaging.provider.sandbox.SandboxProvider;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;
import io.leadwire.testing.SharedInfrastructure;
import io.leadwire.testing.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lane is the one place a campaign message waits: for the time its campaign's pace
 * gave it ({@code notBefore}), while its campaign is paused (until resumed, a redelivered
 * older pause changing nothing), and never once its campaign is cancelled (failed unsent,
 * refunded).
 */
@ServiceTest
class CampaignControlTests {

	@LocalServerPort
	int port;

	@Autowired
	SandboxProvider sandbox;

	@Test
	void aCampaignMessageWaitsForItsTimeAndForItsCampaignToBeResumed() throws Exception {
		long tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		HttpJson test = client(tenant, Environment.TEST);
		long session = session(test);
		long campaign = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		Instant start = Instant.now();
		try (KafkaProducer<String, String> producer = producer()) {
			send(producer, dispatch(tenant, "test", session, campaign, "+254711000001", start.plusMillis(2500)));
			await(test, campaign, 0, Duration.ofMillis(1500));
			assertThat(received(test, campaign)).as("before its time").isZero();
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> received(test, campaign) == 1);
			assertThat(Duration.between(start, Instant.now())).as("sent once due")
				.isGreaterThan(Duration.ofMillis(2400));

			// Paused: what it had handed over waits, however overdue.
			send(producer, control(tenant, campaign, session, "paused", 5, Instant.now()));
			Thread.sleep(500);
			for (int i = 2; i <= 4; i++) {
				send(producer, dispatch(tenant, "test", session, campaign, "+25471100000" + i, Instant.now()));
			}
			Thread.sleep(2000);
			assertThat(received(test, campaign)).as("while paused").isEqualTo(1);

			// Resumed: they go; an older pause delivered again changes nothing.
			send(producer, control(tenant, campaign, session, "running", 6, Instant.now()));
			send(producer, control(tenant, campaign, session, "paused", 5, Instant.now()));
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> received(test, campaign) == 4);
			send(producer, dispatch(tenant, "test", session, campaign, "+254711000005", Instant.now()));
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> received(test, campaign) == 5);
		}
	}

	/**
	 * A batch lasts longer than its quarter second of the rate when the provider is slow
	 * (a phone sends one at a time): a pause landing mid-batch holds the rest of it, and
	 * the resume sends each of them once.
	 */
	@Test
	void aPauseHoldsTheRestOfABatchAlreadyMarkedBehindASlowProvider() throws Exception {
		this.sandbox.sendLatency(SandboxLatency.parse("200ms"));
		try {
			long tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
			HttpJson test = client(tenant, Environment.TEST);
			long session = session(test);
			long campaign = ThreadLocalRandom.current().nextLong(1, 1L << 40);
			try (KafkaProducer<String, String> producer = producer()) {
				for (int i = 0; i < 20; i++) {
					send(producer,
							dispatch(tenant, "test", session, campaign, "+2547113%05d".formatted(i), Instant.now()));
				}
				// 6,000/min: batches of 25, so all 20 are marked at once; 200 ms a send.
				Awaitility.await()
					.atMost(Duration.ofSeconds(10))
					.pollInterval(Duration.ofMillis(20))
					.until(() -> received(test, campaign) >= 3);
				send(producer, control(tenant, campaign, session, "paused", 3, Instant.now()));
				long paused = System.nanoTime();
				Thread.sleep(1000);
				long settled = received(test, campaign);
				assertThat(settled)
					.as("sent until the pause held, %d ms after it was published",
							(System.nanoTime() - paused) / 1_000_000)
					.isLessThan(15);
				await(test, campaign, settled, Duration.ofMillis(1500));

				send(producer, control(tenant, campaign, session, "running", 4, Instant.now()));
				Awaitility.await()
					.atMost(Duration.ofSeconds(20))
					.pollInterval(Duration.ofMillis(100))
					.until(() -> received(test, campaign) == 20);
			}
			Thread.sleep(500);
			assertThat(received(test, campaign)).as("each once").isEqualTo(20);
			assertThat(test.get("/v1/messages?campaignId=" + campaign + "&limit=100").data())
				.allSatisfy((m) -> assertThat(m.get("status").asString()).isIn("sent", "delivered", "read"));
		}
		finally {
			this.sandbox.sendLatency(SandboxLatency.NONE);
		}
	}

	@Test
	void aCancelledCampaignsQueuedMessagesFailUnsentAndAreRefunded() throws Exception {
		long tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		HttpJson live = client(tenant, Environment.LIVE);
		assertThat(
				new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER, TestSecrets.platformAdmin())
					.post("/v1/wallet/top-up", Map.of("tenantId", tenant, "credits", 5))
					.status())
			.isEqualTo(200);
		long session = session(live);
		long campaign = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		try (KafkaProducer<String, String> producer = producer()) {
			for (int i = 1; i <= 3; i++) {
				send(producer,
						dispatch(tenant, "live", session, campaign, "+25471100010" + i, Instant.now().plusSeconds(4)));
			}
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> live.get("/v1/messages?campaignId=" + campaign).data().size() == 3);
			send(producer, control(tenant, campaign, session, "cancelled", 7, Instant.now()));
			// One more, handed over before the cancel but arriving after it.
			send(producer, dispatch(tenant, "live", session, campaign, "+254711000104", Instant.now().minusSeconds(1)));
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> live.get("/v1/messages?campaignId=" + campaign)
					.data()
					.valueStream()
					.filter((m) -> m.get("status").asString().equals("failed"))
					.count() == 4);
		}
		assertThat(live.get("/v1/messages?campaignId=" + campaign).data())
			.allSatisfy((m) -> assertThat(m.get("error").asString()).startsWith("campaign_cancelled"));
		Thread.sleep(4500);
		assertThat(received(live, campaign)).as("none sent, even once due").isZero();
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> live.get("/v1/wallet").data().get("balance").asLong() == 5);
	}

	private HttpJson client(long tenant, Environment environment) {
		return new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenant, environment));
	}

	private static long session(HttpJson client) {
		return client.post("/v1/sessions", Map.of("name", "Paced", "ratePerMinute", 6000)).data().get("id").asLong();
	}

	private static long received(HttpJson client, long campaign) {
		return client.get("/v1/sandbox/messages?limit=1&campaignId=" + campaign)
			.json()
			.at("/meta/pagination/total")
			.asLong();
	}

	/** Waits {@code time}, failing at once if more than {@code most} were received. */
	private static void await(HttpJson client, long campaign, long most, Duration time) throws InterruptedException {
		long until = System.nanoTime() + time.toNanos();
		while (System.nanoTime() < until) {
			assertThat(received(client, campaign)).isLessThanOrEqualTo(most);
			Thread.sleep(100);
		}
	}

	private static String dispatch(long tenant, String environment, long session, long campaign, String to,
			Instant notBefore) {
		return """
				{"eventId":"%s","type":"MessageDispatchRequested","occurredAt":"2026-12-04T10:00:00Z","tenantId":%d,
				 "environment":"%s","payload":{"sessionId":%d,"campaignId":%d,"recipientId":"%d:%s","to":"%s",
				 "type":"text","text":"Hi","notBefore":"%s"}}""".formatted(UUID.randomUUID(), tenant, environment,
				session, campaign, campaign, to, to, notBefore);
	}

	private static String control(long tenant, long campaign, long session, String status, long version, Instant at) {
		return """
				{"eventId":"%s","type":"CampaignRunChanged","occurredAt":"%s","tenantId":%d,"environment":"test",
				 "payload":{"campaignId":%d,"sessionId":%d,"status":"%s","version":%d,"at":"%s"}}"""
			.formatted(UUID.randomUUID(), at, tenant, campaign, session, status, version, at);
	}

	private static void send(KafkaProducer<String, String> producer, String value) throws Exception {
		String topic = value.contains("CampaignRunChanged") ? CampaignControl.TOPIC : "campaign.dispatch";
		producer.send(new ProducerRecord<>(topic, "k", value)).get();
	}

	private static KafkaProducer<String, String> producer() {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedInfrastructure.get().kafkaBootstrapServers(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
				StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
	}

}
