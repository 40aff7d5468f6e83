package io.leadwire.messaging.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import io.leadwire.common.api.JobStatus;
import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.messaging.provider.sandbox.SandboxLatency;
import io.leadwire.messaging.provider.sandbox.SandboxProvider;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;
import io.leadwire.testing.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Send lanes against a sandbox that answers as slowly as a real provider: sessions send
 * independently (a slow session delays nobody, many sessions add up), a Cloud-like
 * session keeps many sends in flight, and a lane whose replica died with a batch marked
 * and unsent is taken over and sends each message exactly once.
 */
@ServiceTest
class SendLaneTests {

	@LocalServerPort
	int port;

	@Autowired
	SandboxProvider sandbox;

	@Autowired
	MongoOperations mongo;

	@AfterEach
	void noLatency() {
		this.sandbox.sendLatency(SandboxLatency.NONE);
	}

	@Test
	void anotherTenantsSlowSessionsNeverDelayAFastOne() {
		this.sandbox.sendLatency(SandboxLatency.parse("300ms/900ms"));
		HttpJson slowTenant = client(Environment.TEST);
		List<Long> slow = new ArrayList<>();
		for (int s = 0; s < 8; s++) {
			long session = session(slowTenant, "Slow " + s, null, 2);
			slow.add(session);
			for (int i = 0; i < 6; i++) {
				send(slowTenant, session, "2547123456" + s + i);
			}
		}
		HttpJson fastTenant = client(Environment.TEST);
		long fast = session(fastTenant, "Fast", null, 600);
		long started = System.nanoTime();
		for (int i = 0; i < 20; i++) {
			send(fastTenant, fast, "2547876543" + (10 + i));
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> received(fastTenant, fast) == 20);
		long millis = (System.nanoTime() - started) / 1_000_000;
		// Its own pace (20 at 600/min: 1.9 s) behind one phone answering in ~300 ms: ~6
		// s.
		assertThat(millis).as("the fast session's 20 sends, in ms").isLessThan(12_000);
		for (long session : slow) {
			assertThat(received(slowTenant, session)).as("a 2/min session in those seconds").isLessThanOrEqualTo(1);
		}
	}

	@Test
	void manySlowProviderSessionsSendAtTheSumOfTheirRates() {
		this.sandbox.sendLatency(SandboxLatency.parse("200ms/600ms"));
		HttpJson tenant = client(Environment.TEST);
		List<Long> sessions = new ArrayList<>();
		for (int s = 0; s < 20; s++) {
			long session = session(tenant, "Lane " + s, null, 120);
			sessions.add(session);
		}
		long started = System.nanoTime();
		for (int i = 0; i < 10; i++) {
			for (int s = 0; s < sessions.size(); s++) {
				send(tenant, sessions.get(s), "25471" + (1000 + s) + (100 + i));
			}
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(40))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> total(tenant) == 200);
		long millis = (System.nanoTime() - started) / 1_000_000;
		// 20 sessions at 2/s each: 40/s together, so 200 in about 5 s; one send loop
		// behind a
		// 200 ms provider would need 40 s.
		assertThat(millis).as("200 sends over 20 sessions, in ms").isLessThan(15_000);
	}

	@Test
	void aCloudLikeSessionKeepsManySendsInFlight() {
		this.sandbox.sendLatency(SandboxLatency.parse("250ms/500ms"));
		HttpJson tenant = client(Environment.TEST);
		long session = session(tenant, "Cloud number", "cloud", 3000);
		long started = System.nanoTime();
		for (int i = 0; i < 150; i++) {
			send(tenant, session, "2547876" + (10000 + i));
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(40))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> received(tenant, session) == 150);
		long millis = (System.nanoTime() - started) / 1_000_000;
		// 50/s with a quarter of a second per answer: ~13 in flight, 150 in about 3 s
		// (one
		// at a time it would take 37 s).
		assertThat(millis).as("150 sends on one Cloud-like session, in ms").isLessThan(12_000);
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> tenant.get("/v1/messages?sessionId=" + session + "&status=queued&limit=100").data().isEmpty());
		assertThat(tenant.get("/v1/messages?sessionId=" + session + "&status=failed&limit=100").data()).isEmpty();
	}

	@Test
	void aCloudNumberSpacesTwoMessagesToOneRecipientByMetasPairRate() {
		HttpJson tenant = client(Environment.TEST);
		long session = session(tenant, "Cloud pair rate", "cloud", 3000);
		send(tenant, session, "254787612001");
		send(tenant, session, "254787612001");
		send(tenant, session, "254787612002");
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> received(tenant, session) == 3);
		List<Instant> toOne = this.mongo
			.find(Query.query(Criteria.where("sessionId").is(session).and("to").is("+254787612001")), Document.class,
					"sandbox_messages")
			.stream()
			.map((document) -> document.getDate("receivedAt").toInstant())
			.sorted()
			.toList();
		assertThat(toOne).hasSize(2);
		// About one message a recipient every 6 s (Meta's 131056 otherwise); another
		// recipient is not held behind it.
		assertThat(Duration.between(toOne.get(0), toOne.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(5_900));
		Instant other = this.mongo
			.findOne(Query.query(Criteria.where("sessionId").is(session).and("to").is("+254787612002")), Document.class,
					"sandbox_messages")
			.getDate("receivedAt")
			.toInstant();
		assertThat(other).isBefore(toOne.get(1));
		assertThat(tenant.get("/v1/messages?sessionId=" + session + "&status=failed&limit=100").data()).isEmpty();
	}

	@Test
	void aLaneWhoseReplicaDiedWithAMarkedBatchIsTakenOverAndSendsEachOnce() {
		HttpJson tenant = client(Environment.TEST);
		long session = session(tenant, "Taken over", null, 6000);
		// Five messages queued for the session, filed, but never consumed by a lane here.
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(insertQueued(tenant, session, "25478765" + (4000 + i)));
		}
		Instant marked = Instant.now().minusSeconds(10);
		// A replica that died mid-batch: the batch is marked as being sent, two of them
		// reached the provider; its lease ran out.
		this.mongo.updateMulti(Query.query(Criteria.where("_id").in(ids)),
				new org.springframework.data.mongodb.core.query.Update().set("sendingAt", marked).inc("attempts", 1),
				"messages");
		this.mongo.save(new Document("_id", session).append("status", JobStatus.RUNNING.name())
			.append("generation", 1L)
			.append("owner", "a-replica-killed-with-9")
			.append("leaseUntil", Date.from(Instant.now().minusSeconds(1)))
			.append("createdAt", Date.from(marked)), "send_lanes");
		for (long id : ids) {
			this.mongo.insert(new Document("_id", id).append("sessionId", session), "send_queue");
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> ids.stream()
				.allMatch((id) -> !tenant.get("/v1/messages/" + id).data().get("status").asString().equals("queued")));
		assertThat(received(tenant, session)).as("each marked message reached the provider once").isEqualTo(5);
		assertThat(this.mongo.count(Query.query(Criteria.where("sessionId").is(session)), "send_queue")).isZero();
	}

	private long insertQueued(HttpJson tenant, long session, String to) {
		// A single send puts its request on campaign.dispatch; the lane must not get it
		// from
		// there first: the test takes the session's lane before sending.
		long id = ThreadLocalRandom.current().nextLong(1L << 50, 1L << 52);
		Document message = new Document("_id", id).append("tenantId", tenantOf(tenant))
			.append("environment", "TEST")
			.append("sessionId", session)
			.append("direction", "outbound")
			.append("to", "+" + to)
			.append("type", "text")
			.append("content", new Document("message", "hello"))
			.append("status", "queued")
			.append("statusRank", 0)
			.append("statusHistory", List.of(new Document("status", "queued").append("at", new Date())))
			.append("createdAt", new Date())
			.append("updatedAt", new Date());
		this.mongo.insert(message, "messages");
		return id;
	}

	private final Map<HttpJson, Long> tenants = new java.util.IdentityHashMap<>();

	private long tenantOf(HttpJson client) {
		return this.tenants.get(client);
	}

	private HttpJson client(Environment environment) {
		long tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		HttpJson client = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenant, environment));
		this.tenants.put(client, tenant);
		return client;
	}

	private static long session(HttpJson client, String name, String provider, int ratePerMinute) {
		Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "ratePerMinute", ratePerMinute));
		if (provider != null) {
			body.put("provider", provider);
		}
		HttpJson.Response created = client.post("/v1/sessions", body);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.data().get("id").asLong();
	}

	private static void send(HttpJson client, long session, String to) {
		HttpJson.Response accepted = client.post("/v1/waha/send",
				Map.of("session_id", session, "to", to, "type", "text", "message", "Hello from LeadFlux API!"));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
	}

	private static long received(HttpJson client, long session) {
		JsonNode page = client.get("/v1/sandbox/messages?sessionId=" + session + "&limit=1").json().get("meta");
		return page.at("/pagination/total").asLong();
	}

	private static long total(HttpJson client) {
		return client.get("/v1/sandbox/messages?limit=1").json().get("meta").at("/pagination/total").asLong();
	}

}
