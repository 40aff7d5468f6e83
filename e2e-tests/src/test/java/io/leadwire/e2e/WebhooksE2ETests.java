package io.leadwire.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.leadwire.testing.HttpJson;
import io.leadwire.testing.WebhookReceiver;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenants' webhooks through the gateway (docs/webhooks.md): real events from sends and
 * campaigns reach a customer's receiver (the only stub: a third party) signed as the
 * Standard Webhooks specification says, with the API's public ids; a failing receiver is
 * retried, dead-lettered and replayed; a slow tenant does not hold up another.
 */
class WebhooksE2ETests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static RunningPlatform platform;

	static WebhookReceiver receiver;

	@BeforeAll
	static void start() throws Exception {
		platform = RunningPlatform.get();
		receiver = WebhookReceiver.start();
	}

	@AfterAll
	static void stop() {
		receiver.close();
	}

	static String path() {
		return "/hooks/" + UUID.randomUUID();
	}

	static JsonNode endpoint(HttpJson client, String path, List<String> types) {
		HttpJson.Response created = client.post("/v1/webhooks/endpoints", Map.of("url",
				"http://receiver.test:" + receiver.port() + path, "description", "CRM sync", "event_types", types));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		receiver.trust(created.data().get("secret").asString());
		return created.data();
	}

	static List<JsonNode> bodies(String path) {
		return receiver.deliveries(path).stream().map((d) -> JSON.readTree(d.body())).toList();
	}

	@Test
	void sendsAndCampaignsReachTheTenantsEndpointSignedWithPublicIds() {
		HttpJson client = platform.withKey(platform.createTenant("Webhook Events").get("testKey").asString());
		String path = path();
		JsonNode endpoint = endpoint(client, path, List.of("message.status", "campaign.status"));
		String secret = endpoint.get("secret").asString();
		assertThat(endpoint.get("id").asString()).hasSizeBetween(16, 17);
		String session = client.post("/v1/sessions", Map.of("name", "Webhooks")).data().get("id").asString();

		HttpJson.Response sent = client.post("/v1/waha/send",
				Map.of("session_id", session, "to", "254110377776", "type", "text", "message", "Hello"));
		assertThat(sent.status()).as(sent.body()).isEqualTo(202);
		String message = sent.data().get("id").asString();

		// The sandbox acknowledges delivery after 0.5 s and reading after 1.5 s.
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> bodies(path).stream()
				.filter((b) -> b.get("type").asString().equals("message.status"))
				.count() == 3);
		assertThat(receiver.deliveries(path)).allMatch((d) -> d.verifiedWith(secret), "signatures verify");
		List<JsonNode> statuses = bodies(path).stream()
			.filter((b) -> b.get("type").asString().equals("message.status"))
			.map((b) -> b.get("data"))
			.toList();
		assertThat(statuses).extracting((d) -> d.get("status").asString()).containsExactly("sent", "delivered", "read");
		assertThat(statuses).allMatch((d) -> d.get("messageId").asString().equals(message)
				&& d.get("sessionId").asString().equals(session) && d.get("environment").asString().equals("test"));
		assertThat(client.get("/v1/messages/" + message).data().get("id").asString()).isEqualTo(message);

		HttpJson.Response campaign = client.post("/v1/campaigns",
				Map.of("name", "Webhook run", "gateway_session_id", session, "recipient_source", "manual",
						"custom_recipients", List.of("254712345678"), "message_content",
						Map.of("type", "text", "text", "Hi"), "rate_per_minute", 60, "anti_ban_enabled", false));
		assertThat(campaign.status()).as(campaign.body()).isEqualTo(201);
		String campaignId = campaign.data().get("id").asString();
		assertThat(client.post("/v1/campaigns/" + campaignId + "/launch", "").status()).isEqualTo(200);
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.until(() -> bodies(path).stream()
				.filter((b) -> b.get("type").asString().equals("campaign.status"))
				.anyMatch((b) -> b.get("data").get("status").asString().equals("completed")));
		List<JsonNode> runs = bodies(path).stream()
			.filter((b) -> b.get("type").asString().equals("campaign.status"))
			.map((b) -> b.get("data"))
			.toList();
		assertThat(runs).extracting((d) -> d.get("status").asString()).containsSubsequence("running", "completed");
		assertThat(runs).allMatch((d) -> d.get("campaignId").asString().equals(campaignId));

		// The delivery log and the messages, through the gateway, with public ids.
		String endpointId = endpoint.get("id").asString();
		JsonNode log = client.get("/v1/webhooks/endpoints/" + endpointId + "/attempts?limit=100").data();
		assertThat(log.size()).isGreaterThanOrEqualTo(5);
		assertThat(log).allMatch((a) -> a.get("endpointId").asString().equals(endpointId)
				&& a.get("statusCode").asInt() == 204 && a.get("latencyMs").asLong() >= 0);
		JsonNode listed = client.get("/v1/webhooks/messages?endpoint_id=" + endpointId + "&status=delivered").data();
		assertThat(listed.size()).isGreaterThanOrEqualTo(5);
		assertThat(listed.get(0).get("payload").get("data").has("environment")).isTrue();
		// Another tenant sees none of it.
		HttpJson stranger = platform.newTenant("Webhook Stranger");
		assertThat(stranger.get("/v1/webhooks/endpoints/" + endpointId).status()).isEqualTo(404);
		assertThat(stranger.get("/v1/webhooks/messages/" + listed.get(0).get("id").asString()).status()).isEqualTo(404);
	}

	@Test
	void aFailingReceiverIsRetriedDeadLetteredAndReplayedThroughTheGateway() {
		HttpJson client = platform.newTenant("Webhook Failing");
		String path = path();
		String endpointId = endpoint(client, path, List.of("contact.opted_out")).get("id").asString();
		receiver.answer(path, new WebhookReceiver.Behaviour(500, Duration.ZERO, 0, 500));
		Instant before = Instant.now().minusSeconds(1);

		// A real event: a contact opted out through the API.
		String contact = client.post("/v1/contacts", Map.of("name", "Ana", "phone", "254110377776"))
			.data()
			.get("id")
			.asString();
		assertThat(client.post("/v1/contacts/" + contact + "/opt-out", Map.of("reason", "asked")).status())
			.isEqualTo(200);
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> client.get("/v1/webhooks/messages?status=failed&endpoint_id=" + endpointId)
				.data()
				.size() == 1);
		JsonNode dead = client.get("/v1/webhooks/messages?status=failed&endpoint_id=" + endpointId).data().get(0);
		assertThat(dead.get("attempts").asInt()).isEqualTo(4);
		assertThat(dead.get("lastStatusCode").asInt()).isEqualTo(500);
		assertThat(dead.get("payload").get("data").get("contactId").asString()).isEqualTo(contact);
		assertThat(receiver.deliveries(path)).hasSize(4);

		receiver.answer(path, new WebhookReceiver.Behaviour(200, Duration.ZERO, 0, 500));
		HttpJson.Response replayed = client.post("/v1/webhooks/endpoints/" + endpointId + "/replay",
				Map.of("since", before.toString()));
		assertThat(replayed.status()).isEqualTo(202);
		assertThat(replayed.data().get("replayed").asInt()).isEqualTo(1);
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> receiver.deliveries(path).stream().anyMatch((d) -> d.answered() == 200));
		WebhookReceiver.Delivery accepted = receiver.deliveries(path).get(4);
		assertThat(accepted.id()).isEqualTo(dead.get("id").asString());
		assertThat(JSON.readTree(accepted.body()).get("data").get("phone").asString()).isEqualTo("+254110377776");
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> client.get("/v1/webhooks/messages/" + dead.get("id").asString())
				.data()
				.get("status")
				.asString()
				.equals("delivered"));
		assertThat(client.get("/v1/webhooks/messages/" + dead.get("id").asString() + "/attempts").data()).hasSize(5);
	}

	/**
	 * Two replicas deliver together, each message once; a replica killed with deliveries
	 * in flight delays them by its lease, and they arrive (a repeat only of what it had
	 * in flight, with the same webhook-id).
	 */
	@Test
	void twoReplicasDeliverEachMessageOnceAndAKilledOnesMessagesStillArrive() throws Exception {
		io.leadwire.launcher.Platform.Replica second = platform.platform()
			.startExtraService("webhook-service-2", "webhook-service", io.leadwire.launcher.Platform.freePort(),
					Map.of());
		try {
			JsonNode tenant = platform.createTenant("Webhook Replicas");
			HttpJson client = platform.withKey(tenant.get("liveKey").asString());
			String path = path();
			String endpointId = endpoint(client, path, List.of()).get("id").asString();
			receiver.answer(path, new WebhookReceiver.Behaviour(204, Duration.ofMillis(300), 0, 500));
			List<String> sent = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				sent.add(client.post("/v1/webhooks/endpoints/" + endpointId + "/test", null)
					.data()
					.get("id")
					.asString());
			}
			Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> distinctIds(path).containsAll(sent));
			assertThat(receiver.deliveries(path)).as("each message once").hasSize(40);
			long tenantId = platform.ids().decode(tenant.get("id").asString()).getAsLong();
			try (com.mongodb.client.MongoClient mongo = com.mongodb.client.MongoClients
				.create(platform.platform().mongoUri())) {
				List<String> replicas = mongo.getDatabase("leadwire-webhook-service")
					.getCollection("webhook_attempts")
					.distinct("replica", new org.bson.Document("tenantId", tenantId), String.class)
					.into(new ArrayList<>());
				assertThat(replicas).as("both replicas delivered").hasSize(2);
			}

			List<String> more = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				more.add(client.post("/v1/webhooks/endpoints/" + endpointId + "/test", null)
					.data()
					.get("id")
					.asString());
			}
			Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> receiver.deliveries(path).size() >= 50);
			second.kill();
			// The other tests need the intake's events: its group is back to one
			// replica's
			// two consumers before this test ends.
			awaitIntakeConsumers(2);
			Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> distinctIds(path).containsAll(more));
			int repeats = receiver.deliveries(path).size() - distinctIds(path).size();
			// A repeat is either an attempt the log shows failing (an answer later than
			// the
			// timeout, under this load) or one the killed replica had in flight (its
			// tenant
			// share: 4), never anything else.
			long failedAttempts = client.get("/v1/webhooks/endpoints/" + endpointId + "/attempts?limit=100")
				.data()
				.valueStream()
				.filter((attempt) -> !attempt.get("succeeded").asBoolean())
				.count();
			assertThat(repeats - failedAttempts).as("repeats not explained by a failed attempt (%d repeats)", repeats)
				.isLessThanOrEqualTo(4);
			for (String message : more) {
				Awaitility.await()
					.atMost(Duration.ofSeconds(10))
					.until(() -> client.get("/v1/webhooks/messages/" + message)
						.data()
						.get("status")
						.asString()
						.equals("delivered"));
			}
		}
		finally {
			if (second.isAlive()) {
				second.kill();
			}
		}
	}

	/**
	 * Waits until the intake's consumer group has {@code members} members, all assigned.
	 */
	static void awaitIntakeConsumers(int members) {
		try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin
			.create(Map.of(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
					"127.0.0.1:" + platform.platform().settings().port("kafka")))) {
			Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
				org.apache.kafka.clients.admin.ConsumerGroupDescription group = admin
					.describeConsumerGroups(List.of("webhook-intake"))
					.all()
					.get()
					.get("webhook-intake");
				return group.members().size() == members && group.members()
					.stream()
					.allMatch((member) -> !member.assignment().topicPartitions().isEmpty());
			});
		}
	}

	static java.util.Set<String> distinctIds(String path) {
		return receiver.deliveries(path)
			.stream()
			.map(WebhookReceiver.Delivery::id)
			.collect(java.util.stream.Collectors.toSet());
	}

	/**
	 * docs/webhooks.md's example receiver, run as its comment says, verifies deliveries.
	 */
	@Test
	void theDocumentedExampleReceiverVerifiesRealDeliveries() throws Exception {
		HttpJson client = platform.newTenant("Webhook Example");
		int port = io.leadwire.launcher.Platform.freePort();
		HttpJson.Response created = client.post("/v1/webhooks/endpoints",
				Map.of("url", "http://receiver.test:" + port + "/leadwire"));
		String secret = created.data().get("secret").asString();
		java.nio.file.Path source = java.nio.file.Path.of("..", "examples", "webhook-receiver", "Receiver.java");
		ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
				source.toString())
			.redirectErrorStream(true);
		builder.environment().put("WEBHOOK_SECRET", secret);
		builder.environment().put("PORT", Integer.toString(port));
		Process example = builder.start();
		List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
		Thread reader = Thread.ofVirtual()
			.start(() -> new java.io.BufferedReader(
					new java.io.InputStreamReader(example.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))
				.lines()
				.forEach(lines::add));
		try {
			Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> lines.contains("listening on " + port));
			String message = client
				.post("/v1/webhooks/endpoints/" + created.data().get("id").asString() + "/test",
						Map.of("message", "from the docs"))
				.data()
				.get("id")
				.asString();
			Awaitility.await()
				.atMost(Duration.ofSeconds(20))
				.until(() -> lines.stream()
					.anyMatch((line) -> line.startsWith("verified " + message + " webhook.test")));
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> client.get("/v1/webhooks/messages/" + message)
					.data()
					.get("status")
					.asString()
					.equals("delivered"));
			// Rotated: during the overlap the example (still on the old secret) verifies
			// too.
			client.post("/v1/webhooks/endpoints/" + created.data().get("id").asString() + "/rotate-secret",
					Map.of("grace_period_seconds", 600));
			String after = client.post("/v1/webhooks/endpoints/" + created.data().get("id").asString() + "/test", null)
				.data()
				.get("id")
				.asString();
			Awaitility.await()
				.atMost(Duration.ofSeconds(20))
				.until(() -> lines.stream().anyMatch((line) -> line.startsWith("verified " + after)));
			assertThat(lines).noneMatch((line) -> line.startsWith("rejected"));
		}
		finally {
			example.destroyForcibly();
			reader.join(5000);
		}
	}

	@Test
	void aTenantWithASlowEndpointDoesNotHoldUpAnother() {
		HttpJson slow = platform.newTenant("Webhook Slow");
		HttpJson fast = platform.newTenant("Webhook Fast");
		String slowPath = path();
		String fastPath = path();
		String slowEndpoint = endpoint(slow, slowPath, List.of()).get("id").asString();
		String fastEndpoint = endpoint(fast, fastPath, List.of()).get("id").asString();
		// Answers just inside the 1 s timeout the platform runs these tests with.
		receiver.answer(slowPath, new WebhookReceiver.Behaviour(200, Duration.ofMillis(900), 0, 500));
		for (int i = 0; i < 60; i++) {
			assertThat(slow.post("/v1/webhooks/endpoints/" + slowEndpoint + "/test", null).status()).isEqualTo(202);
		}
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> receiver.deliveries(slowPath).size() >= 4);

		List<Long> waits = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			int seen = receiver.deliveries(fastPath).size();
			Instant sent = Instant.now();
			assertThat(fast.post("/v1/webhooks/endpoints/" + fastEndpoint + "/test", null).status()).isEqualTo(202);
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> receiver.deliveries(fastPath).size() > seen);
			waits.add(Duration.between(sent, receiver.deliveries(fastPath).get(seen).receivedAt()).toMillis());
		}
		assertThat(receiver.deliveries(slowPath).size()).as("the slow tenant's backlog is still going").isLessThan(50);
		assertThat(waits).as("the fast tenant's deliveries, ms after its request").allMatch((wait) -> wait < 1000);
	}

}
