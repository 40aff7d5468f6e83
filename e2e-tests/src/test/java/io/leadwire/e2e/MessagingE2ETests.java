package io.leadwire.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.leadwire.testing.HttpJson;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LeadFlux's legacy session and send examples through the gateway (ids changed to the
 * public ones), on the sandbox provider: a message sent with a test key reaches
 * {@code read} in its history within seconds, its acks having come back through the
 * signed webhook path; the sandbox shows what WAHA would have received.
 */
class MessagingE2ETests {

	static RunningPlatform platform;

	@BeforeAll
	static void start() throws Exception {
		platform = RunningPlatform.get();
	}

	@Test
	void providerWebhooksPassTheGatewayUntouchedAndNeedTheirSignature() {
		// A WAHA event carries WAHA's ids ("id": "evt_…", "true_…@c.us_…"): the gateway
		// must
		// neither decode them nor re-serialise the signed bytes. Unsigned, the service
		// refuses it.
		HttpJson.Response unsigned = platform.gateway()
			.post("/v1/webhooks/waha", "{\"id\":\"evt_01\",\"event\":\"message.ack\",\"session\":\"lw-x\","
					+ "\"payload\":{\"id\":\"true_254110377776@c.us_3EB0\",\"ack\":3}}");
		assertThat(unsigned.status()).as(unsigned.body()).isEqualTo(401);
		assertThat(unsigned.code()).isEqualTo("invalid_signature");
	}

	@Test
	void theDemoTenantsHaveCreditsAndALiveSendSpendsOne() {
		HttpJson globex = platform.withKey(platform.tenant(1).get("liveKey").asString());
		long before = globex.get("/public/api/v1/wallet").data().get("balance").asLong();
		assertThat(before).isPositive();
		String session = globex.post("/v1/sessions", Map.of("name", "Globex Shop")).data().get("id").asString();
		assertThat(globex
			.post("/v1/waha/send",
					Map.of("session_id", session, "to", "254110377776", "type", "text", "message", "Hello"))
			.status()).isEqualTo(202);
		JsonNode wallet = globex.get("/api/v1/wallet").data();
		assertThat(wallet.get("balance").asLong()).isEqualTo(before - 1);
		assertThat(wallet.get("currency").asString()).isNotBlank();
		assertThat(globex.get("/v1/wallet/ledger").data().get(0).get("reason").asString()).isEqualTo("message");
		assertThat(globex
			.post("/v1/wallet/top-up", Map.of("tenantId", platform.tenant(1).get("id").asString(), "credits", 5))
			.status()).isEqualTo(403);
	}

	@Test
	void aPartnersClientSpendsThePartnersWalletAndItsSessionsAreThePartnersConnections() {
		JsonNode partnerCredentials = platform.credentials().get("partner");
		HttpJson partner = platform.withKey(partnerCredentials.get("liveKey").asString());
		String company = partnerCredentials.get("companies").get(0).get("id").asString();
		HttpJson inCompany = partner.header("X-Company-Id", company);
		long before = partner.get("/api/v1/wallet").data().get("balance").asLong();
		assertThat(inCompany.get("/v1/wallet").data().get("balance").asLong()).isEqualTo(before);

		String session = inCompany.post("/v1/waha/sessions", Map.of("name", "Contoso Front Desk"))
			.data()
			.get("id")
			.asString();
		assertThat(inCompany
			.post("/v1/waha/send",
					Map.of("session_id", session, "to", "254110377776", "type", "text", "message", "Hi from Contoso"))
			.status()).isEqualTo(202);
		assertThat(partner.get("/api/v1/wallet").data().get("balance").asLong()).isEqualTo(before - 1);
		assertThat(inCompany.get("/v1/wallet/ledger").data().get(0).get("reason").asString()).isEqualTo("message");

		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode contoso = partner.get("/api/v1/companies").data().get(0);
			assertThat(contoso.get("id").asString()).isEqualTo(company);
			assertThat(contoso.get("connections").valueStream().map((c) -> c.get("id").asString())).contains(session);
		});
		JsonNode connection = partner.get("/api/v1/companies")
			.data()
			.get(0)
			.get("connections")
			.valueStream()
			.filter((c) -> c.get("id").asString().equals(session))
			.findFirst()
			.orElseThrow();
		assertThat(connection.get("status").asString()).isEqualTo("connected");
		assertThat(connection.get("name").asString()).isEqualTo("Contoso Front Desk");

		assertThat(inCompany.delete("/v1/waha/sessions/" + session).status()).isEqualTo(200);
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(partner.get("/api/v1/companies")
				.data()
				.get(0)
				.get("connections")
				.valueStream()
				.map((c) -> c.get("id").asString())).doesNotContain(session));
	}

	@Test
	void everySeedSessionSendAndNumberExampleWorksVerbatimThroughTheGateway() {
		HttpJson client = platform.withKey(platform.createTenant("Messaging Seeds").get("testKey").asString());
		String session = client.post("/public/api/v1/waha/sessions", """
				{
				    "name": "My Business API Session"
				  }""").data().get("id").asString();
		HttpJson.Response sessions = client.get("/public/api/v1/waha/sessions");
		assertThat(sessions.status()).isEqualTo(200);
		assertThat(sessions.data().valueStream().map((s) -> s.get("id").asString())).containsExactly(session);

		List<String> seeds = List.of("""
				{"session_id": "%s", "to": "254110377776", "type": "text", "message": "Hello from LeadFlux API!"}""",
				"""
						{"session_id": "%s", "to": "254110377776", "type": "image",
						 "media_url": "https://via.placeholder.com/300", "caption": "This is a test image"}""", """
						{"session_id": "%s", "to": "254110377776", "type": "video",
						 "media_url": "https://www.w3schools.com/html/mov_bbb.mp4", "caption": "Test Video"}""", """
						{"session_id": "%s", "to": "254110377776", "type": "document",
						 "media_url": "https://www.w3.org/WAI/ER/tests/xhtml/testfiles/resources/pdf/dummy.pdf",
						 "caption": "Document File"}""",
				"""
						{"session_id": "%s", "to": "254110377776", "type": "sticker",
						 "media_url": "https://upload.wikimedia.org/wikipedia/commons/4/4f/La_comuna_y_el_estado.png"}""",
				"""
						{"session_id": "%s", "to": "254110377776", "type": "location", "latitude": "-1.2841",
						 "longitude": "36.8155"}""", """
						{"session_id": "%s", "to": "254110377776", "type": "contact", "name": "John Doe",
						 "phone": "254700000000"}""",
				"""
						{"session_id": "%s", "to": "254110377776", "type": "poll",
						 "question": "What is your favorite framework?", "options": ["Laravel", "CodeIgniter", "Node.js"]}""",
				"""
						{"session_id": "%s", "to": "254110377776", "type": "buttons", "text": "Do you agree?",
						 "footer": "LeadFlux", "buttons": ["Yes", "No", "Maybe"]}""", """
						{"session_id": "%s", "to": "254110377776", "type": "list", "title": "Services Menu",
						 "description": "Choose a service:", "buttonText": "Select",
						 "sections": [{"title": "Support", "rows": [{"id": "1", "title": "Call Agent"},
						                                            {"id": "2", "title": "Open Ticket"}]}]}""");
		for (String seed : seeds) {
			HttpJson.Response sent = client.post("/public/api/v1/waha/send", seed.formatted(session));
			assertThat(sent.status()).as(seed + " → " + sent.body()).isEqualTo(202);
			assertThat(sent.data().get("messageId").asString()).hasSizeBetween(16, 17);
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(client.get("/v1/sandbox/messages?limit=100&sessionId=" + session).data())
				.hasSize(10));

		HttpJson.Response single = client.post("/public/api/v1/numbers/verify", """
				{
				    "phone": "254712345678"
				  }""");
		assertThat(single.status()).as(single.body()).isEqualTo(200);
		assertThat(single.data().get("isWhatsapp").asBoolean()).isTrue();
		assertThat(single.data().get("status").asString()).isEqualTo("valid");
		HttpJson.Response bulk = client.post("/public/api/v1/numbers/verify-bulk", """
				{
				    "phones": ["254712345678", "254787654321", "254799123456"]
				  }""");
		assertThat(bulk.status()).as(bulk.body()).isEqualTo(200);
		assertThat(bulk.data()).hasSize(3);
		// More than 20 become a job: its Location names it by its public id, as the body
		// does, and leads to it (issue 26: it named the internal id, and 404ed).
		StringBuilder many = new StringBuilder();
		for (int i = 0; i < 21; i++) {
			many.append(i == 0 ? "" : ", ").append("\"2547123456").append("%02d".formatted(i)).append('"');
		}
		HttpJson.Response job = client.post("/v1/numbers/verify-bulk", "{\"phones\": [" + many + "]}");
		assertThat(job.status()).as(job.body()).isEqualTo(202);
		assertThat(job.json().get("status").asInt()).as("the envelope's status").isEqualTo(202);
		String jobId = job.data().get("id").asString();
		assertThat(job.header("Location")).isEqualTo("/v1/numbers/jobs/" + jobId);
		HttpJson.Response followed = client.get(job.header("Location"));
		assertThat(followed.status()).as(followed.body()).isEqualTo(200);
		assertThat(followed.data().get("id").asString()).isEqualTo(jobId);

		// Bad input is a 4xx in the envelope, never a 5xx.
		Map<String, Integer> bad = Map.of("{\"session_id\": \"" + session + "\", \"to\": \"254110377776\"}", 422,
				"{\"session_id\": \"" + session + "\", \"to\": \"254110377776\", \"type\": \"fax\"}", 422,
				"{\"session_id\": \"" + session + "\", \"type\": \"text\", \"message\": \"x\"}", 422,
				"{\"session_id\": 42, \"to\": \"254110377776\", \"type\": \"text\", \"message\": \"x\"}", 422,
				"{\"session_id\": \"" + session + "\", \"to\": \"254110377776\", \"type\": \"image\","
						+ " \"media_url\": \"http://169.254.169.254/latest/meta-data\"}",
				422, "{\"session_id\": ", 400,
				// Issue 26: reserved names are refused by name, not only by what they
				// resolve to here.
				media(session, "http://localhost./x.png"), 422, media(session, "http://foo.localhost/x.png"), 422,
				media(session, "http://localhost.localdomain/x.png"), 422);
		bad.forEach((body, status) -> {
			HttpJson.Response refused = client.post("/v1/waha/send", body);
			assertThat(refused.status()).as(body + " → " + refused.body()).isEqualTo(status);
			assertThat(refused.body()).contains("\"success\":false").contains("requestId");
		});
	}

	/**
	 * Issue 26: a tenant's two long number-check jobs whose session was deleted waited
	 * forever for a check slot, holding both workers: every other tenant's job stayed
	 * queued for 30+ minutes. Now another tenant's job runs beside them (fair turns), and
	 * they fail within seconds of the delete.
	 */
	@Test
	void numberCheckJobsOfADeletedSessionFailWithinSecondsAndAnotherTenantsJobThenRuns() {
		HttpJson doomed = platform.withKey(platform.createTenant("Numbers Doomed").get("testKey").asString());
		String session = doomed.post("/v1/waha/sessions", Map.of("name", "Doomed")).data().get("id").asString();
		List<String> jobs = new java.util.ArrayList<>();
		for (int j = 0; j < 2; j++) {
			List<String> phones = new java.util.ArrayList<>();
			for (int i = 0; i < 200; i++) {
				phones.add("2547136%02d%03d".formatted(j, i));
			}
			HttpJson.Response accepted = doomed.post("/v1/numbers/verify-bulk",
					Map.of("phones", phones, "session_id", session));
			assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
			jobs.add(accepted.data().get("id").asString());
		}
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> allJobsAre(doomed, jobs, "running"));
		HttpJson waiting = platform.withKey(platform.createTenant("Numbers Waiting").get("testKey").asString());
		List<String> phones = new java.util.ArrayList<>();
		for (int i = 0; i < 21; i++) {
			phones.add("2547137%05d".formatted(i));
		}
		String own = waiting.post("/v1/waha/sessions", Map.of("name", "Patient")).data().get("id").asString();
		HttpJson.Response queued = waiting.post("/v1/numbers/verify-bulk", Map.of("phones", phones, "session_id", own));
		assertThat(queued.status()).as(queued.body()).isEqualTo(202);
		String other = queued.data().get("id").asString();
		// Tenants take turns (FairTurns): the doomed tenant's jobs hold one turn between
		// them, so the other tenant's job starts checking at once instead of waiting.
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> waiting.get("/v1/numbers/jobs/" + other).data().get("processed").asInt() > 0);

		assertThat(doomed.delete("/v1/waha/sessions/" + session).status()).isEqualTo(200);
		long deleted = System.nanoTime();
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> allJobsAre(doomed, jobs, "failed"));
		assertThat((System.nanoTime() - deleted) / 1_000_000).as("failed within seconds of the delete")
			.isLessThan(5_000);
		assertThat(doomed.get("/v1/numbers/jobs/" + jobs.get(0)).data().get("error").asString())
			.isEqualTo("the session was deleted");
		// 21 checks at 60 a minute, once it has a worker.
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> waiting.get("/v1/numbers/jobs/" + other).data().get("status").asString().equals("completed"));
		assertThat(waiting.get("/v1/numbers/jobs/" + other).data().get("processed").asInt()).isEqualTo(21);
	}

	private static String media(String session, String url) {
		return "{\"session_id\": \"" + session + "\", \"to\": \"254110377776\", \"type\": \"image\", \"media_url\": \""
				+ url + "\"}";
	}

	private static boolean allJobsAre(HttpJson client, List<String> jobs, String status) {
		return jobs.stream()
			.allMatch((job) -> client.get("/v1/numbers/jobs/" + job).data().get("status").asString().equals(status));
	}

	@Test
	void aSeedTextSentWithATestKeyIsReadWithinSecondsAndTheSandboxShowsItsRequest() {
		JsonNode tenant = platform.createTenant("Messaging Sandbox");
		HttpJson client = platform.withKey(tenant.get("testKey").asString());

		HttpJson.Response session = client.post("/public/api/v1/waha/sessions", """
				{
				    "name": "My Business API Session"
				  }""");
		assertThat(session.status()).as(session.body()).isEqualTo(201);
		String sessionId = session.data().get("id").asString();
		assertThat(sessionId).hasSizeBetween(16, 17);
		assertThat(client.get("/public/api/v1/waha/sessions/" + sessionId).data().get("status").asString())
			.isEqualTo("WORKING");

		HttpJson.Response sent = client.post("/public/api/v1/waha/send", """
				{
				    "session_id": "%s",
				    "to": "254110377776",
				    "type": "text",
				    "message": "Hello from LeadFlux API!"
				  }""".formatted(sessionId));
		assertThat(sent.status()).as(sent.body()).isEqualTo(202);
		String messageId = sent.data().get("messageId").asString();
		assertThat(messageId).hasSizeBetween(16, 17);

		Awaitility.await()
			.atMost(Duration.ofSeconds(15))
			.until(() -> client.get("/v1/messages/" + messageId).data().get("status").asString().equals("read"));
		JsonNode message = client.get("/v1/messages/" + messageId).data();
		assertThat(message.get("sessionId").asString()).isEqualTo(sessionId);
		assertThat(message.get("statusHistory")).extracting((change) -> change.get("status").asString())
			.containsExactly("queued", "sent", "delivered", "read");
		JsonNode received = client.get("/v1/sandbox/messages?sessionId=" + sessionId).data().get(0);
		assertThat(received.get("messageId").asString()).isEqualTo(messageId);
		assertThat(received.get("request").get("body").get("chatId").asString()).isEqualTo("254110377776@c.us");

		HttpJson other = platform.newTenant("Messaging Other");
		assertThat(other.get("/v1/messages/" + messageId).status()).isEqualTo(404);
		assertThat(other
			.post("/v1/waha/send",
					Map.of("session_id", sessionId, "to", "254110377776", "type", "text", "message", "x"))
			.status()).isEqualTo(404);
		assertThat(client.delete("/public/api/v1/waha/sessions/" + sessionId).status()).isEqualTo(200);
		assertThat(client.get("/v1/sessions/" + sessionId).status()).isEqualTo(404);
	}

}
