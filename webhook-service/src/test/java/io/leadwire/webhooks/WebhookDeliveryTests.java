package io.leadwire.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.common.event.EventEnvelope;
import io.leadwire.common.event.EventHeaders;
import io.leadwire.common.id.IdCodec;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;
import io.leadwire.testing.TestSecrets;
import io.leadwire.testing.WebhookReceiver;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deliveries against a receiver on loopback that verifies signatures as the Standard
 * Webhooks specification tells receivers to, with the platform's events published on the
 * real broker as the other services publish them.
 */
@ServiceTest
class WebhookDeliveryTests {

	static WebhookReceiver receiver;

	@LocalServerPort
	int port;

	@Autowired
	KafkaTemplate<String, String> kafka;

	@Autowired
	IdCodec ids;

	@Autowired
	ObjectMapper json;

	@Autowired
	MeterRegistry meters;

	long tenant;

	HttpJson live;

	@BeforeAll
	static void startReceiver() throws Exception {
		receiver = WebhookReceiver.start();
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@BeforeEach
	void setUp() {
		this.tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		this.live = as(this.tenant, Environment.LIVE);
	}

	HttpJson as(long tenantId, Environment environment) {
		return new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenantId, environment));
	}

	String url(String path) {
		return "http://receiver.test:" + receiver.port() + path;
	}

	static String path() {
		return "/hooks/" + UUID.randomUUID();
	}

	JsonNode create(HttpJson as, String path, List<String> types) {
		Map<String, Object> body = new java.util.HashMap<>(Map.of("url", url(path)));
		if (types != null) {
			body.put("event_types", types);
		}
		HttpJson.Response created = as.post("/v1/webhooks/endpoints", body);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		receiver.trust(created.data().get("secret").asString());
		return created.data();
	}

	@Test
	void aTestSendArrivesSignedAndIsLogged() {
		String path = path();
		JsonNode endpoint = create(this.live, path, null);
		String secret = endpoint.get("secret").asString();
		assertThat(secret).startsWith("whsec_");
		assertThat(this.live.get("/v1/webhooks/endpoints/" + endpoint.get("id").asLong()).data().has("secret"))
			.as("the secret is shown once")
			.isFalse();

		HttpJson.Response sent = this.live.post("/v1/webhooks/endpoints/" + endpoint.get("id").asLong() + "/test",
				Map.of("message", "hello"));
		assertThat(sent.status()).isEqualTo(202);
		long messageId = sent.data().get("id").asLong();

		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.deliveries(path).size() == 1);
		WebhookReceiver.Delivery delivery = receiver.deliveries(path).get(0);
		assertThat(delivery.verifiedWith(secret)).isTrue();
		assertThat(delivery.id()).as("the public id").isEqualTo(this.ids.encode(messageId));
		JsonNode body = this.json.readTree(delivery.body());
		assertThat(body.get("type").asString()).isEqualTo("webhook.test");
		assertThat(body.get("data").get("message").asString()).isEqualTo("hello");
		assertThat(body.get("data").get("endpointId").asString())
			.isEqualTo(this.ids.encode(endpoint.get("id").asLong()));

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(
					this.live.get("/v1/webhooks/messages/" + messageId).data().path("status").asString())
				.isEqualTo("delivered"));
		JsonNode log = this.live.get("/v1/webhooks/endpoints/" + endpoint.get("id").asLong() + "/attempts").data();
		assertThat(log).hasSize(1);
		assertThat(log.get(0).get("statusCode").asInt()).isEqualTo(204);
		assertThat(log.get(0).get("succeeded").asBoolean()).isTrue();
		assertThat(log.get(0).has("latencyMs")).isTrue();
	}

	@Test
	void platformEventsBecomeWebhooksOnceEachForTheEndpointsThatWantThem() {
		String statusPath = path();
		String everythingPath = path();
		create(this.live, statusPath, List.of("message.status"));
		create(this.live, everythingPath, null);
		long message = ThreadLocalRandom.current().nextLong(1_000_000, 1L << 40);
		String delivered = event("MessageDelivered", this.tenant, Environment.LIVE, Map.of("messageId", message,
				"sessionId", 1_000_123L, "to", "+14155550123", "status", "delivered", "at", Instant.now().toString()));
		this.kafka.send("message.status", Long.toString(message), delivered);
		// Kafka delivers an event again after a crash: no second webhook.
		this.kafka.send("message.status", Long.toString(message), delivered);
		this.kafka.send("contacts.events", "+14155550123", event("ContactOptedOut", this.tenant, Environment.LIVE,
				Map.of("phone", "+14155550123", "source", "inbound")));
		// Another environment's and another tenant's events are not this endpoint's.
		this.kafka.send("message.status", Long.toString(message + 1), event("MessageRead", this.tenant,
				Environment.TEST, Map.of("messageId", message + 1, "status", "read")));
		this.kafka.send("message.status", Long.toString(message + 2), event("MessageRead", this.tenant + 1,
				Environment.LIVE, Map.of("messageId", message + 2, "status", "read")));

		await().atMost(Duration.ofSeconds(15)).until(() -> receiver.deliveries(everythingPath).size() == 2);
		await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveries(statusPath).size() == 1);
		JsonNode status = this.json.readTree(receiver.deliveries(statusPath).get(0).body());
		assertThat(status.get("type").asString()).isEqualTo("message.status");
		assertThat(status.get("data").get("messageId").asString()).isEqualTo(this.ids.encode(message));
		assertThat(status.get("data").get("sessionId").asString()).isEqualTo(this.ids.encode(1_000_123L));
		assertThat(status.get("data").get("status").asString()).isEqualTo("delivered");
		assertThat(status.get("data").get("environment").asString()).isEqualTo("live");
		assertThat(receiver.deliveries(everythingPath)
			.stream()
			.map((d) -> this.json.readTree(d.body()).get("type").asString()))
			.containsExactlyInAnyOrder("message.status", "contact.opted_out");
		// Nothing more comes (the duplicate and the other scopes' events).
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(3))
			.until(() -> receiver.deliveries(statusPath).size() == 1
					&& receiver.deliveries(everythingPath).size() == 2);
	}

	@Test
	void eventsNoEndpointWantsArePassedOverByTheirHeadersUnread() {
		String path = path();
		create(this.live, path, List.of("message.status"));
		double parsed = intake("parsed");
		double passedOver = intake("passed_over");
		long message = ThreadLocalRandom.current().nextLong(1_000_000, 1L << 40);
		String key = Long.toString(message);
		// With the headers the services write, and values that cannot be read: they are
		// another tenant's, this tenant's test environment's, and a type no endpoint can
		// want (on one key, so one partition, in order before the wanted event).
		int unwanted = 0;
		for (int i = 0; i < 20; i++) {
			for (EventEnvelope<?> envelope : List.of(
					EventEnvelope.of("MessageRead", this.tenant + 1, Environment.LIVE, null, Map.of()),
					EventEnvelope.of("MessageRead", this.tenant, Environment.TEST, null, Map.of()),
					EventEnvelope.of("MessageDispatchRequested", this.tenant, Environment.LIVE, null, Map.of()))) {
				this.kafka.send(headed("message.status", key, "{not an envelope", EventHeaders.of(envelope)));
				unwanted++;
			}
		}
		String delivered = event("MessageDelivered", this.tenant, Environment.LIVE,
				Map.of("messageId", message, "status", "delivered"));
		this.kafka.send(headed("message.status", key, delivered,
				EventHeaders.of(EventEnvelope.of("MessageDelivered", this.tenant, Environment.LIVE, null, Map.of()))));

		await().atMost(Duration.ofSeconds(15)).until(() -> receiver.deliveries(path).size() == 1);
		assertThat(this.json.readTree(receiver.deliveries(path).get(0).body()).get("data").get("status").asString())
			.isEqualTo("delivered");
		assertThat(intake("passed_over") - passedOver).isGreaterThanOrEqualTo(unwanted);
		// The wanted event is read; none of the 60 unwanted ones is (a few reads of other
		// tests' late events may fall in the window).
		assertThat(intake("parsed") - parsed).isBetween(1.0, 5.0);
	}

	@Test
	void aResourcesEventsArriveInOrderEvenWhenTheFirstIsRetried() {
		String path = path();
		create(this.live, path, List.of("message.status"));
		receiver.answer(path, new WebhookReceiver.Behaviour(200, Duration.ZERO, 2, 503));
		long message = ThreadLocalRandom.current().nextLong(1_000_000, 1L << 40);
		for (String status : List.of("sent", "delivered", "read")) {
			this.kafka.send("message.status", Long.toString(message),
					event("Message" + Character.toUpperCase(status.charAt(0)) + status.substring(1), this.tenant,
							Environment.LIVE, Map.of("messageId", message, "status", status)));
		}

		await().atMost(Duration.ofSeconds(15))
			.until(() -> receiver.deliveries(path).stream().filter((d) -> d.answered() == 200).count() == 3);
		List<String> accepted = receiver.deliveries(path)
			.stream()
			.filter((d) -> d.answered() == 200)
			.map((d) -> this.json.readTree(d.body()).get("data").get("status").asString())
			.toList();
		assertThat(accepted).containsExactly("sent", "delivered", "read");
		assertThat(receiver.deliveries(path).get(0).answered()).isEqualTo(503);
	}

	@Test
	void aFailingReceiverIsRetriedThenDeadLetteredAndReplayed() {
		String path = path();
		JsonNode endpoint = create(this.live, path, null);
		long endpointId = endpoint.get("id").asLong();
		receiver.answer(path, new WebhookReceiver.Behaviour(500, Duration.ZERO, 0, 500));
		Instant before = Instant.now().minusSeconds(1);
		long first = this.live.post("/v1/webhooks/endpoints/" + endpointId + "/test", null).data().get("id").asLong();

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(this.live.get("/v1/webhooks/messages/" + first).data().path("status").asString())
						.isEqualTo("failed"));
		JsonNode dead = this.live.get("/v1/webhooks/messages/" + first).data();
		assertThat(dead.get("attempts").asInt()).isEqualTo(4);
		assertThat(dead.get("lastStatusCode").asInt()).isEqualTo(500);
		assertThat(receiver.deliveries(path)).hasSize(4).allMatch((d) -> d.id().equals(this.ids.encode(first)));
		JsonNode log = this.live.get("/v1/webhooks/messages/" + first + "/attempts").data();
		assertThat(log).hasSize(4);
		assertThat(log.get(0).get("statusCode").asInt()).isEqualTo(500);
		JsonNode deadLetters = this.live.get("/v1/webhooks/messages?status=failed&endpoint_id=" + endpointId).data();
		assertThat(deadLetters).hasSize(1);
		assertThat(deadLetters.get(0).get("id").asLong()).isEqualTo(first);

		// The receiver is mended: one message replayed, then everything dead since a
		// time.
		receiver.answer(path, new WebhookReceiver.Behaviour(200, Duration.ZERO, 0, 500));
		HttpJson.Response replayed = this.live.post("/v1/webhooks/messages/" + first + "/replay", null);
		assertThat(replayed.status()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(this.live.get("/v1/webhooks/messages/" + first).data().path("status").asString())
						.isEqualTo("delivered"));
		assertThat(receiver.deliveries(path).get(4).id()).isEqualTo(this.ids.encode(first));
		assertThat(this.live.get("/v1/webhooks/messages/" + first).data().get("round").asInt()).isEqualTo(1);
		assertThat(
				this.live.post("/v1/webhooks/endpoints/" + endpointId + "/replay", Map.of("since", before.toString()))
					.data()
					.get("replayed")
					.asInt())
			.as("nothing is dead any more")
			.isZero();
		assertThat(this.live.post("/v1/webhooks/endpoints/" + endpointId + "/replay", Map.of()).status())
			.isEqualTo(422);
	}

	@Test
	void anEndpointThatKeepsFailingIsDisabledWithAnEventAndItsMessagesWaitForReplay() {
		String failingPath = path();
		String watcherPath = path();
		JsonNode failing = create(this.live, failingPath, List.of("message.status"));
		create(this.live, watcherPath, List.of("webhook.endpoint_disabled"));
		long failingId = failing.get("id").asLong();
		receiver.answer(failingPath, new WebhookReceiver.Behaviour(502, Duration.ZERO, 0, 502));

		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).until(() -> {
			this.live.post("/v1/webhooks/endpoints/" + failingId + "/test", null);
			return !this.live.get("/v1/webhooks/endpoints/" + failingId).data().path("enabled").asBoolean(true);
		});
		JsonNode disabled = this.live.get("/v1/webhooks/endpoints/" + failingId).data();
		assertThat(disabled.get("disabledReason").asString()).contains("HTTP 502");
		await().atMost(Duration.ofSeconds(15)).until(() -> !receiver.deliveries(watcherPath).isEmpty());
		JsonNode event = this.json.readTree(receiver.deliveries(watcherPath).get(0).body());
		assertThat(event.get("type").asString()).isEqualTo("webhook.endpoint_disabled");
		assertThat(event.get("data").get("endpointId").asString()).isEqualTo(this.ids.encode(failingId));

		// While it is off, its events are kept dead-lettered; once it is enabled and
		// mended,
		// a replay since then delivers them.
		Instant off = Instant.now();
		long message = ThreadLocalRandom.current().nextLong(1_000_000, 1L << 40);
		this.kafka.send("message.status", Long.toString(message),
				event("MessageSent", this.tenant, Environment.LIVE, Map.of("messageId", message, "status", "sent")));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.live
				.get("/v1/webhooks/messages?status=failed&event_type=message.status&endpoint_id=" + failingId)
				.data()
				.size() == 1);
		receiver.answer(failingPath, new WebhookReceiver.Behaviour(200, Duration.ZERO, 0, 500));
		assertThat(this.live.patch("/v1/webhooks/endpoints/" + failingId, Map.of("enabled", true)).status())
			.isEqualTo(200);
		int before = receiver.deliveries(failingPath).size();
		JsonNode replay = this.live
			.post("/v1/webhooks/endpoints/" + failingId + "/replay", Map.of("since", off.toString()))
			.data();
		assertThat(replay.get("replayed").asInt()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> receiver.deliveries(failingPath)
				.stream()
				.skip(before)
				.anyMatch((d) -> d.answered() == 200 && d.body().contains("\"message.status\"")));
		assertThat(this.live.get("/v1/webhooks/endpoints/" + failingId).data().has("failingSince")).isFalse();
	}

	@Test
	void duringARotationBothSecretsSignThenOnlyTheNewOne() {
		String path = path();
		JsonNode endpoint = create(this.live, path, null);
		long id = endpoint.get("id").asLong();
		String old = endpoint.get("secret").asString();

		JsonNode rotated = this.live
			.post("/v1/webhooks/endpoints/" + id + "/rotate-secret", Map.of("grace_period_seconds", 3600))
			.data();
		String fresh = rotated.get("secret").asString();
		receiver.trust(fresh);
		assertThat(fresh).isNotEqualTo(old);
		assertThat(rotated.get("secrets")).hasSize(2);
		assertThat(rotated.get("secrets").get(1).get("expiresAt").asString()).isNotEmpty();
		this.live.post("/v1/webhooks/endpoints/" + id + "/test", null);
		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.deliveries(path).size() == 1);
		WebhookReceiver.Delivery during = receiver.deliveries(path).get(0);
		assertThat(during.signature().split(" ")).hasSize(2);
		assertThat(during.verifiedWith(old)).isTrue();
		assertThat(during.verifiedWith(fresh)).isTrue();

		JsonNode again = this.live
			.post("/v1/webhooks/endpoints/" + id + "/rotate-secret", Map.of("grace_period_seconds", 0))
			.data();
		String newest = again.get("secret").asString();
		receiver.trust(newest);
		this.live.post("/v1/webhooks/endpoints/" + id + "/test", null);
		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.deliveries(path).size() == 2);
		WebhookReceiver.Delivery after = receiver.deliveries(path).get(1);
		assertThat(after.verifiedWith(newest)).isTrue();
		assertThat(after.verifiedWith(fresh)).isFalse();
		assertThat(after.verifiedWith(old)).isFalse();
		assertThat(this.live
			.post("/v1/webhooks/endpoints/" + id + "/rotate-secret", Map.of("grace_period_seconds", 604_801))
			.status()).isEqualTo(422);
	}

	@Test
	void aSlowTenantHoldsOnlyItsShareWhileAnotherIsDeliveredAtOnce() {
		String slowPath = path();
		String fastPath = path();
		JsonNode slow = create(this.live, slowPath, null);
		receiver.answer(slowPath, new WebhookReceiver.Behaviour(200, Duration.ofMillis(900), 0, 500));
		HttpJson other = as(this.tenant + 1, Environment.LIVE);
		JsonNode fast = create(other, fastPath, null);
		for (int i = 0; i < 40; i++) {
			this.live.post("/v1/webhooks/endpoints/" + slow.get("id").asLong() + "/test", null);
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveries(slowPath).size() >= 4);

		List<Long> waits = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			Instant sent = Instant.now();
			int seen = receiver.deliveries(fastPath).size();
			other.post("/v1/webhooks/endpoints/" + fast.get("id").asLong() + "/test", null);
			await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveries(fastPath).size() > seen);
			waits.add(Duration.between(sent, receiver.deliveries(fastPath).get(seen).receivedAt()).toMillis());
		}
		// The slow tenant still has most of its 40 to go (4 at a time, 0.9 s each).
		assertThat(receiver.deliveries(slowPath).size()).isLessThan(30);
		assertThat(waits).allMatch((wait) -> wait < 500, "each under 500 ms: " + waits);
	}

	@Test
	void redirectsAreNotFollowedAndCountAsFailedAttempts() {
		String path = path();
		String target = path();
		JsonNode endpoint = create(this.live, path, null);
		receiver.answer(path, new WebhookReceiver.Behaviour(307, Duration.ZERO, 0, 307, url(target)));
		long message = this.live.post("/v1/webhooks/endpoints/" + endpoint.get("id").asLong() + "/test", null)
			.data()
			.get("id")
			.asLong();

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(this.live.get("/v1/webhooks/messages/" + message).data().path("status").asString())
						.isEqualTo("failed"));
		assertThat(this.live.get("/v1/webhooks/messages/" + message).data().get("lastError").asString())
			.isEqualTo("HTTP 307");
		assertThat(receiver.deliveries(path)).hasSize(4);
		assertThat(receiver.deliveries(target)).as("the redirect's target is never called").isEmpty();
	}

	@Test
	void urlsInsideOurNetworkAndUnknownEventTypesAreRefused() {
		for (String url : List.of("http://127.0.0.1/hook", "http://localhost:8080/hook", "http://10.0.0.7/hook",
				"http://169.254.169.254/latest/meta-data", "http://[::1]/hook", "http://0x7f000001/hook",
				"http://metadata.google.internal/", "ftp://example.com/hook", "https://user:pw@example.com/hook",
				"not a url")) {
			HttpJson.Response refused = this.live.post("/v1/webhooks/endpoints", Map.of("url", url));
			assertThat(refused.status()).as(url).isEqualTo(422);
			assertThat(refused.body()).contains("\"url\"");
		}
		HttpJson.Response unknown = this.live.post("/v1/webhooks/endpoints",
				Map.of("url", "https://example.com/hook", "event_types", List.of("message.status", "lead.deleted")));
		assertThat(unknown.status()).isEqualTo(422);
		assertThat(unknown.body()).contains("eventTypes[1]");
		assertThat(this.live.post("/v1/webhooks/endpoints", Map.of("description", "no url")).status()).isEqualTo(422);
		assertThat(this.live.get("/v1/webhooks/event-types").data().findValuesAsString("name")).contains(
				"message.status", "message.inbound", "campaign.status", "contact.opted_out", "import.completed",
				"lead.verified", "session.status");
	}

	@Test
	void anotherTenantsEndpointsAndMessagesAnswer404() {
		String path = path();
		JsonNode endpoint = create(this.live, path, null);
		long id = endpoint.get("id").asLong();
		long message = this.live.post("/v1/webhooks/endpoints/" + id + "/test", null).data().get("id").asLong();
		HttpJson stranger = as(this.tenant + 7, Environment.LIVE);
		HttpJson testData = as(this.tenant, Environment.TEST);

		for (HttpJson other : List.of(stranger, testData)) {
			assertThat(other.get("/v1/webhooks/endpoints/" + id).status()).isEqualTo(404);
			assertThat(other.patch("/v1/webhooks/endpoints/" + id, Map.of("enabled", false)).status()).isEqualTo(404);
			assertThat(other.post("/v1/webhooks/endpoints/" + id + "/test", null).status()).isEqualTo(404);
			assertThat(other.get("/v1/webhooks/messages/" + message).status()).isEqualTo(404);
			assertThat(other.post("/v1/webhooks/messages/" + message + "/replay", null).status()).isEqualTo(404);
			assertThat(other.delete("/v1/webhooks/endpoints/" + id).status()).isEqualTo(404);
			assertThat(other.get("/v1/webhooks/endpoints").data()).isEmpty();
		}
		assertThat(this.live.delete("/v1/webhooks/endpoints/" + id).status()).isEqualTo(200);
		assertThat(this.live.get("/v1/webhooks/messages/" + message).status()).isEqualTo(404);
	}

	@Test
	void aStaleIfMatchIsRefused() {
		JsonNode endpoint = create(this.live, path(), null);
		long id = endpoint.get("id").asLong();
		HttpJson.Response changed = this.live.header("If-Match", "\"1\"")
			.patch("/v1/webhooks/endpoints/" + id, Map.of("description", "first"));
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.header("ETag")).isEqualTo("\"2\"");
		assertThat(this.live.header("If-Match", "\"1\"")
			.patch("/v1/webhooks/endpoints/" + id, Map.of("description", "second"))
			.status()).isEqualTo(412);
	}

	double intake(String outcome) {
		return this.meters.counter("leadwire.webhooks.intake.events", "outcome", outcome).count();
	}

	static ProducerRecord<String, String> headed(String topic, String key, String value, Map<String, String> headers) {
		ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
		headers.forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
		return record;
	}

	String event(String type, long tenantId, Environment environment, Map<String, Object> payload) {
		return this.json.writeValueAsString(Map.of("eventId", UUID.randomUUID().toString(), "type", type, "occurredAt",
				Instant.now().toString(), "tenantId", tenantId, "environment", environment.name(), "payload", payload));
	}

}
