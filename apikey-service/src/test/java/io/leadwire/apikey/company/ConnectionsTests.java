package io.leadwire.apikey.company;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;
import io.leadwire.testing.SharedInfrastructure;
import io.leadwire.testing.TestSecrets;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A partner's {@code GET /v1/companies} shows its clients' WhatsApp sessions as
 * {@code connections}, kept from messaging's events as they really arrive: redelivered,
 * out of order, a status after the deletion.
 */
@ServiceTest
class ConnectionsTests {

	@LocalServerPort
	int port;

	@Test
	void connectionsFollowTheNewestRevisionWhateverOrderEventsArriveIn() throws Exception {
		HttpJson admin = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.platformAdmin());
		long partner = admin
			.post("/v1/admin/tenants", Map.of("name", "Agency", "plan", "professional", "partner", true, "ownerName",
					"P", "ownerEmail", "p@agency.test"))
			.data()
			.get("id")
			.asLong();
		long client = admin
			.post("/v1/admin/tenants",
					Map.of("name", "Client", "plan", "free", "ownerName", "C", "ownerEmail", "c@client.test",
							"partner_id", partner))
			.data()
			.get("id")
			.asLong();
		HttpJson agency = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(partner, Environment.LIVE));
		long kept = 7_000_000_000L + System.nanoTime() % 1_000_000;
		long dropped = kept + 1;

		try (KafkaProducer<String, String> producer = producer()) {
			// kept: WORKING (revision 3) arrives before SCAN_QR_CODE (2) and STARTING
			// (1), twice over.
			for (int round = 0; round < 2; round++) {
				send(producer, event("SessionStatusChanged", client, kept, "WORKING", "237650000001", 3));
				send(producer, event("SessionStatusChanged", client, kept, "SCAN_QR_CODE", null, 2));
				send(producer, event("SessionStatusChanged", client, kept, "STARTING", null, 1));
			}
			// dropped: deleted (revision 2), then its late creation event (1).
			send(producer, event("SessionDeleted", client, dropped, "WORKING", "237650000002", 2));
			send(producer, event("SessionStatusChanged", client, dropped, "WORKING", "237650000002", 1));
			// Another tenant's session never shows here.
			send(producer, event("SessionStatusChanged", partner + 1_000_000, kept + 2, "WORKING", null, 1));
		}

		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode company = agency.get("/v1/companies").data().get(0);
			assertThat(company.get("id").asLong()).isEqualTo(client);
			List<JsonNode> connections = company.get("connections").valueStream().toList();
			assertThat(connections).hasSize(1);
			assertThat(connections.get(0).get("id").asLong()).isEqualTo(kept);
			assertThat(connections.get(0).get("status").asString()).isEqualTo("connected");
			assertThat(connections.get(0).get("sessionStatus").asString()).isEqualTo("WORKING");
			assertThat(connections.get(0).get("displayPhoneNumber").asString()).isEqualTo("+237650000001");
			assertThat(connections.get(0).get("wabaId").asString()).isEqualTo("102290129340398");
			assertThat(connections.get(0).get("environment").asString()).isEqualTo("live");
		});
		// The last events were the stale ones: still one connection, still WORKING.
		Thread.sleep(1000);
		JsonNode connections = agency.get("/v1/companies").data().get(0).get("connections");
		assertThat(connections).hasSize(1);
		assertThat(connections.get(0).get("status").asString()).isEqualTo("connected");
	}

	private static String event(String type, long tenant, long session, String status, String phone, long revision) {
		return """
				{"eventId":"%s","type":"%s","occurredAt":"2026-11-29T10:00:00Z","tenantId":%d,"environment":"live",
				 "payload":{"sessionId":%d,"name":"Front desk","provider":"cloud","status":"%s","phone":%s,
				 "wabaId":"102290129340398","phoneNumberId":"106540352242922",
				 "revision":%d,"at":"2026-11-29T10:00:0%dZ"}}""".formatted(UUID.randomUUID(), type, tenant, session,
				status, (phone != null) ? "\"" + phone + "\"" : "null", revision, revision);
	}

	private static void send(KafkaProducer<String, String> producer, String value) throws Exception {
		producer.send(new ProducerRecord<>("messaging.events", "session", value)).get();
	}

	private static KafkaProducer<String, String> producer() {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedInfrastructure.get().kafkaBootstrapServers(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
				StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
	}

}
