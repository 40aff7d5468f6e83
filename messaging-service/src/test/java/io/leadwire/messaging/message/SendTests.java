package io.leadwire.messaging.message;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;
import io.leadwire.testing.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions and sends on the sandbox provider, against the real broker and the MongoDB
 * wire server: every send example of the LeadFlux seed (ids are internal here), each
 * mapped to the request WAHA would receive, statuses through signed webhooks, pacing,
 * forged webhooks, tenant isolation and bad input.
 */
@ServiceTest
class SendTests {

	@LocalServerPort
	int port;

	long tenant;

	HttpJson other;

	@BeforeEach
	void setUp() {
		long tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		this.tenant = tenant;
		this.other = as(ThreadLocalRandom.current().nextLong(1, 1L << 40), Environment.LIVE);
		// Live sends cost credits.
		assertThat(
				new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER, TestSecrets.platformAdmin())
					.post("/v1/wallet/top-up", Map.of("tenantId", tenant, "credits", 1000))
					.status())
			.isEqualTo(200);
	}

	/** A client for the test's tenant, its context signed now (a context lives 30 s). */
	HttpJson live() {
		return as(this.tenant, Environment.LIVE);
	}

	HttpJson as(long tenant, Environment environment) {
		return new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenant, environment));
	}

	long session(HttpJson client, int ratePerMinute) {
		HttpJson.Response created = client.post("/v1/waha/sessions",
				Map.of("name", "My Business API Session", "ratePerMinute", ratePerMinute));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.data().get("status").asString()).isEqualTo("WORKING");
		assertThat(created.data().get("provider").asString()).isEqualTo("sandbox");
		assertThat(created.body()).doesNotContain("ecret");
		return created.data().get("id").asLong();
	}

	/**
	 * The dashboard's last hour: the messages created in each of its 60 minutes and their
	 * statuses now, counted in the database, for the tenant only.
	 */
	@Test
	void theLastHourCountsEachMinutesMessagesAndTheirStatusesForTheTenantOnly() {
		long session = session(live(), 6000);
		for (String to : List.of("254110377701", "254110377702", "254110379990")) {
			assertThat(live()
				.post("/v1/messages", Map.of("session_id", session, "to", to, "type", "text", "message", "hi"))
				.status()).isEqualTo(202);
		}
		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode activity = live().get("/v1/messages/activity").data();
			assertThat(activity.get("perMinute")).hasSize(60);
			long created = activity.get("perMinute").valueStream().mapToLong((m) -> m.get("messages").asLong()).sum();
			assertThat(created).isEqualTo(3);
			JsonNode byStatus = activity.get("byStatus");
			assertThat(byStatus.get("failed").asLong()).isEqualTo(1);
			assertThat(byStatus.get("read").asLong()).isEqualTo(2);
			assertThat(byStatus.get("queued").asLong() + byStatus.get("sent").asLong()
					+ byStatus.get("delivered").asLong())
				.isZero();
		});
		JsonNode others = this.other.get("/v1/messages/activity").data();
		assertThat(others.get("perMinute").valueStream().mapToLong((m) -> m.get("messages").asLong()).sum()).isZero();
		assertThat(as(this.tenant, Environment.TEST).get("/v1/messages/activity")
			.data()
			.get("byStatus")
			.get("read")
			.asLong()).as("test data apart").isZero();
	}

	@Test
	void everySeedSendIsQueuedAtOnceThenDeliveredAndReadWithTheRequestWahaWouldGet() {
		long session = session(live(), 6000);
		Map<String, String> seeds = new java.util.LinkedHashMap<>();
		seeds.put("text", """
				{"session_id": %d, "to": "254110377776", "type": "text", "message": "Hello from LeadFlux API!"}""");
		seeds.put("image", """
				{"session_id": %d, "to": "254110377776", "type": "image",
				 "media_url": "https://via.placeholder.com/300", "caption": "This is a test image"}""");
		seeds.put("video", """
				{"session_id": %d, "to": "254110377776", "type": "video",
				 "media_url": "https://www.w3schools.com/html/mov_bbb.mp4", "caption": "Test Video"}""");
		seeds.put("document", """
				{"session_id": %d, "to": "254110377776", "type": "document",
				 "media_url": "https://www.w3.org/WAI/ER/tests/xhtml/testfiles/resources/pdf/dummy.pdf",
				 "caption": "Document File"}""");
		seeds.put("sticker", """
				{"session_id": %d, "to": "254110377776", "type": "sticker",
				 "media_url": "https://upload.wikimedia.org/wikipedia/commons/4/4f/La_comuna_y_el_estado.png"}""");
		seeds.put("location",
				"""
						{"session_id": %d, "to": "254110377776", "type": "location", "latitude": "-1.2841", "longitude": "36.8155"}""");
		seeds.put("contact",
				"""
						{"session_id": %d, "to": "254110377776", "type": "contact", "name": "John Doe", "phone": "254700000000"}""");
		seeds.put("poll", """
				{"session_id": %d, "to": "254110377776", "type": "poll", "question": "What is your favorite framework?",
				 "options": ["Laravel", "CodeIgniter", "Node.js"]}""");
		seeds.put("buttons",
				"""
						{"session_id": %d, "to": "254110377776", "type": "buttons", "text": "Do you agree?", "footer": "LeadFlux",
						 "buttons": ["Yes", "No", "Maybe"]}""");
		seeds.put("list",
				"""
						{"session_id": %d, "to": "254110377776", "type": "list", "title": "Services Menu",
						 "description": "Choose a service:", "buttonText": "Select",
						 "sections": [{"title": "Support", "rows": [{"id": "1", "title": "Call Agent"}, {"id": "2", "title": "Open Ticket"}]}]}""");
		Map<String, Long> ids = new java.util.LinkedHashMap<>();
		seeds.forEach((type, body) -> {
			HttpJson.Response accepted = live().post("/v1/waha/send", body.formatted(session));
			assertThat(accepted.status()).as(type + ": " + accepted.body()).isEqualTo(202);
			assertThat(accepted.data().get("status").asString()).isEqualTo("queued");
			ids.put(type, accepted.data().get("messageId").asLong());
		});

		ids.forEach((type, id) -> Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			HttpJson.Response message = live().get("/v1/messages/" + id);
			assertThat(message.status()).as(message.body()).isEqualTo(200);
			assertThat(message.data().get("status").asString()).as(type).isEqualTo("read");
		}));
		JsonNode text = live().get("/v1/messages/" + ids.get("text")).data();
		assertThat(text.get("to").asString()).isEqualTo("+254110377776");
		assertThat(text.get("statusHistory")).extracting((change) -> change.get("status").asString())
			.containsExactly("queued", "sent", "delivered", "read");

		Map<String, JsonNode> requests = new java.util.HashMap<>();
		live().get("/v1/sandbox/messages?limit=100&sessionId=" + session)
			.data()
			.forEach((received) -> requests.put(received.get("type").asString(), received.get("request")));
		assertThat(requests).hasSize(10);
		assertThat(requests.get("text").get("path").asString()).isEqualTo("/api/sendText");
		assertThat(requests.get("text").get("body").toString()).contains("\"chatId\":\"254110377776@c.us\"")
			.contains("\"text\":\"Hello from LeadFlux API!\"");
		assertThat(requests.get("image").get("path").asString()).isEqualTo("/api/sendImage");
		assertThat(requests.get("image").get("body").get("file").get("url").asString())
			.isEqualTo("https://via.placeholder.com/300");
		assertThat(requests.get("video").get("body").get("file").get("mimetype").asString()).isEqualTo("video/mp4");
		assertThat(requests.get("document").get("path").asString()).isEqualTo("/api/sendFile");
		assertThat(requests.get("location").get("body").get("latitude").asDouble()).isEqualTo(-1.2841);
		assertThat(requests.get("contact").get("body").get("contacts").get(0).get("phoneNumber").asString())
			.isEqualTo("+254700000000");
		assertThat(requests.get("poll").get("body").get("poll").get("options")).hasSize(3);
		assertThat(requests.get("buttons").get("path").asString()).isEqualTo("/api/sendButtons");
		assertThat(requests.get("list")
			.get("body")
			.get("message")
			.get("sections")
			.get(0)
			.get("rows")
			.get(1)
			.get("rowId")
			.asString()).isEqualTo("2");
	}

	@Test
	void aBrazilianNumberIsSentToTheChatIdItsCheckGave() {
		long session = session(live(), 6000);
		HttpJson.Response sent = live().post("/v1/waha/send",
				Map.of("session_id", session, "to", "5511987654321", "type", "text", "message", "Olá!"));
		assertThat(sent.status()).as(sent.body()).isEqualTo(202);
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> live().get("/v1/sandbox/messages?sessionId=" + session).data().size() == 1);
		JsonNode request = live().get("/v1/sandbox/messages?sessionId=" + session).data().get(0).get("request");
		assertThat(request.get("body").get("chatId").asString()).as("without the ninth digit, as check-exists answered")
			.isEqualTo("551187654321@c.us");
		JsonNode check = live().post("/v1/numbers/verify", Map.of("phone", "5511987654321", "session_id", session))
			.data();
		assertThat(check.get("cached").asBoolean()).as("checked once, before the send").isTrue();
		assertThat(check.get("whatsappJid").asString()).isEqualTo("551187654321@c.us");
	}

	@Test
	void aNumberNotOnWhatsAppFailsWithTheProvidersError() {
		long session = session(live(), 6000);
		long id = live()
			.post("/v1/messages", Map.of("session_id", session, "to", "254110379990", "type", "text", "message", "hi"))
			.data()
			.get("messageId")
			.asLong();
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> live().get("/v1/messages/" + id).data().get("status").asString().equals("failed"));
		// A plain reason first (issue 26), then what it usually means.
		assertThat(live().get("/v1/messages/" + id).data().get("error").asString()).startsWith("not_delivered: ")
			.contains("not on WhatsApp");
		assertThat(live().get("/v1/messages?status=failed").data()).hasSize(1);
	}

	@Test
	void aSessionNeverSendsFasterThanItsRate() {
		long session = session(live(), 60);
		for (int i = 0; i < 4; i++) {
			live().post("/v1/waha/send",
					Map.of("session_id", session, "to", "25411037777" + (i + 1), "type", "text", "message", "n" + i));
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> live().get("/v1/sandbox/messages?sessionId=" + session).data().size() == 4);
		List<Instant> times = new ArrayList<>();
		live().get("/v1/sandbox/messages?sessionId=" + session)
			.data()
			.forEach((received) -> times.add(Instant.parse(received.get("receivedAt").asString())));
		times.sort(null);
		for (int i = 1; i < times.size(); i++) {
			assertThat(Duration.between(times.get(i - 1), times.get(i))).as("gap %d", i)
				.isGreaterThanOrEqualTo(Duration.ofMillis(990));
		}
	}

	@Test
	void anotherTenantsSessionOrMessageIsNotFound() {
		long session = session(live(), 6000);
		long id = live()
			.post("/v1/messages", Map.of("session_id", session, "to", "254110377776", "type", "text", "message", "x"))
			.data()
			.get("messageId")
			.asLong();
		assertThat(this.other.get("/v1/waha/sessions/" + session).status()).isEqualTo(404);
		assertThat(this.other.delete("/v1/sessions/" + session).status()).isEqualTo(404);
		assertThat(this.other.get("/v1/messages/" + id).status()).isEqualTo(404);
		assertThat(this.other
			.post("/v1/waha/send", Map.of("session_id", session, "to", "254110377776", "type", "text", "message", "x"))
			.status()).isEqualTo(404);
		assertThat(this.other.get("/v1/messages").data()).isEmpty();
		assertThat(this.other.get("/v1/sandbox/messages").data()).isEmpty();
	}

	@Test
	void badSendsAre422NamingTheField() {
		long session = session(live(), 6000);
		assertField(live().post("/v1/waha/send", Map.of("to", "254110377776", "type", "text", "message", "x")),
				"sessionId");
		assertField(live().post("/v1/waha/send", Map.of("session_id", session, "to", "254110377776", "type", "fax")),
				"type");
		assertField(
				live().post("/v1/waha/send", Map.of("session_id", session, "to", "12", "type", "text", "message", "x")),
				"to");
		assertField(live().post("/v1/waha/send", Map.of("session_id", session, "to", "254110377776", "type", "text")),
				"message");
		assertField(live().post("/v1/waha/send", Map.of("session_id", session, "to", "254110377776", "type", "image",
				"media_url", "ftp://x.example/a.png")), "mediaUrl");
		assertField(live().post("/v1/waha/send", Map.of("session_id", session, "to", "254110377776", "type", "location",
				"latitude", "91", "longitude", "0")), "latitude");
		for (String inside : List.of("http://127.0.0.1:8085/actuator/prometheus", "http://localhost/a.png",
				"http://169.254.169.254/latest/meta-data/", "http://10.0.0.5/a.png", "http://[::1]/a.png",
				"http://0x7f000001/a.png")) {
			HttpJson.Response refused = live().post("/v1/waha/send",
					Map.of("session_id", session, "to", "254110377776", "type", "image", "media_url", inside));
			assertField(refused, "mediaUrl");
			assertThat(refused.body()).as(inside).contains("not public");
		}
		assertField(live().post("/v1/waha/send", Map.of("session_id", session, "to", "254110377776", "type", "buttons",
				"text", "t", "buttons", List.of("1", "2", "3", "4"))), "buttons");
		assertField(live().post("/v1/waha/send", Map.of("session_id", session, "to", "254110377776", "type", "poll",
				"question", "q", "options", List.of("same", "same"))), "options");
		// A line break in a contact's name would write extra vCard lines (issue 26).
		assertField(live().post("/v1/waha/send", Map.of("session_id", session, "to", "254110377776", "type", "contact",
				"name", "Ada\r\nTEL;type=CELL:+15550000000", "phone", "254712345678")), "name");
		assertThat(live().post("/v1/waha/send", "{\"session_id\":").status()).isEqualTo(400);
		assertField(live().post("/v1/waha/sessions", Map.of("name", "")), "name");
		assertField(live().post("/v1/waha/sessions", Map.of("name", "x", "provider", "carrier-pigeon")), "provider");
		assertThat(live().get("/v1/messages?status=lost").status()).isEqualTo(422);
	}

	@Test
	void forgedOrUnsignedWebhooksAre401AndChangeNothing() {
		long session = session(live(), 6000);
		String event = "{\"event\":\"message.ack\",\"session\":\"lw-" + TestSecrets.IDS.encode(session)
				+ "\",\"payload\":{\"id\":\"true_1@c.us_X\",\"ack\":3}}";
		HttpJson plain = new HttpJson("http://127.0.0.1:" + this.port);
		assertThat(plain.post("/v1/webhooks/waha", event).status()).isEqualTo(401);
		assertThat(plain.header("X-Webhook-Hmac", "00".repeat(64)).post("/v1/webhooks/waha", event).status())
			.isEqualTo(401);
		assertThat(plain.header("X-Webhook-Hmac", "00").post("/v1/webhooks/waha", "{\"session\":\"nobody\"}").status())
			.isEqualTo(401);
		assertThat(plain.post("/v1/webhooks/waha", "not json").status()).isEqualTo(401);
	}

	@Test
	void testKeysAlwaysUseTheSandbox() {
		HttpJson test = as(ThreadLocalRandom.current().nextLong(1, 1L << 40), Environment.TEST);
		HttpJson.Response created = test.post("/v1/sessions", Map.of("name", "t", "provider", "waha"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.data().get("provider").asString()).isEqualTo("sandbox");
		assertThat(created.data().get("capabilities").get("messageTypes")).hasSize(10);
	}

	private static void assertField(HttpJson.Response response, String field) {
		assertThat(response.status()).as(response.body()).isEqualTo(422);
		assertThat(response.json().get("errors")).as(response.body())
			.anySatisfy((error) -> assertThat(error.get("field").asString()).isEqualTo(field));
	}

}
