package io.leadwire.messaging.number;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;
import io.leadwire.testing.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Number checks on the sandbox (numbers ending in 9990 are not on WhatsApp): the legacy
 * example's bodies, the cache, the default session, pacing per session, bad input.
 */
@ServiceTest
class NumberCheckTests {

	@LocalServerPort
	int port;

	@Autowired
	MongoTemplate mongo;

	long tenant;

	HttpJson live;

	@BeforeEach
	void setUp() {
		this.tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		this.live = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(this.tenant, Environment.LIVE));
	}

	@Test
	void theSeedChecksAnswerThroughTheDefaultSessionAndAreCached() {
		assertThat(this.live.post("/v1/numbers/verify", "{\"phone\": \"254712345678\"}").status()).isEqualTo(422);
		this.live.post("/v1/waha/sessions", Map.of("name", "Checker"));

		JsonNode single = this.live.post("/v1/numbers/verify", "{\"phone\": \"254712345678\"}").data();
		assertThat(single.get("phone").asString()).isEqualTo("+254712345678");
		assertThat(single.get("isWhatsapp").asBoolean()).isTrue();
		assertThat(single.get("whatsappJid").asString()).isEqualTo("254712345678@c.us");
		assertThat(single.get("status").asString()).isEqualTo("valid");
		assertThat(single.get("cached").asBoolean()).isFalse();

		HttpJson.Response bulk = this.live.post("/v1/numbers/verify-bulk",
				"{\"phones\": [\"254712345678\", \"254787654321\", \"254799123456\", \"254799129990\"]}");
		assertThat(bulk.status()).as(bulk.body()).isEqualTo(200);
		assertThat(bulk.data()).extracting((answer) -> answer.get("status").asString())
			.containsExactly("valid", "valid", "valid", "invalid");
		assertThat(bulk.data().get(0).get("cached").asBoolean()).isTrue();
		assertThat(bulk.data().get(3).get("whatsappJid").isNull()).isTrue();
	}

	@Test
	void checksArePacedPerSessionAndTheRestAre429WithRetryAfter() {
		this.live.post("/v1/waha/sessions", Map.of("name", "Paced"));
		List<String> phones = new ArrayList<>();
		for (int i = 0; i < 13; i++) {
			phones.add("2547123456" + (10 + i));
		}
		long start = System.nanoTime();
		HttpJson.Response refused = this.live.post("/v1/numbers/verify-bulk", Map.of("phones", phones));
		assertThat(refused.status()).as(refused.body()).isEqualTo(429);
		assertThat(refused.code()).isEqualTo("rate_limited");
		assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 2);
		// At 60 checks a minute, the ten seconds it waited held about ten checks.
		assertThat((System.nanoTime() - start) / 1_000_000).isBetween(8_000L, 15_000L);
		JsonNode again = this.live.post("/v1/numbers/verify-bulk", Map.of("phones", phones.subList(0, 8))).data();
		assertThat(again).allSatisfy((answer) -> assertThat(answer.get("cached").asBoolean()).isTrue());
	}

	@Test
	void aLongListBecomesAPacedJobWithItsAnswersInOrder() {
		long session = this.live.post("/v1/waha/sessions", Map.of("name", "Bulk")).data().get("id").asLong();
		List<String> phones = new ArrayList<>();
		for (int i = 10; i < 40; i++) {
			// Every tenth one is the sandbox's reserved "not on WhatsApp" (ending in
			// 9990).
			phones.add((i % 10 == 0) ? "254713" + i + "9990" : "2547123457" + i);
		}
		// The first twenty were checked an hour ago (cached): the job asks only for the
		// rest,
		// one a second.
		Date hourAgo = Date.from(Instant.now().minus(Duration.ofHours(1)));
		for (String phone : phones.subList(0, 20)) {
			this.mongo.save(new Document("_id", this.tenant + "|LIVE|+" + phone).append("exists", !phone.endsWith("0"))
				.append("chatId", phone.endsWith("0") ? null : phone + "@c.us")
				.append("checkedAt", hourAgo)
				.append("expiresAt", Date.from(Instant.now().plus(Duration.ofHours(5)))), "number_checks");
		}
		long started = System.nanoTime();

		HttpJson.Response accepted = this.live.post("/v1/numbers/verify-bulk",
				Map.of("phones", phones, "session_id", session));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		long job = accepted.data().get("id").asLong();
		assertThat(accepted.header("Location")).isEqualTo("/v1/numbers/jobs/" + job);
		assertThat(accepted.data().get("total").asInt()).isEqualTo(30);

		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> this.live.get("/v1/numbers/jobs/" + job).data().get("status").asString().equals("completed"));
		// Ten fresh checks at 60 a minute: about nine seconds between the first and the
		// last.
		assertThat((System.nanoTime() - started) / 1_000_000).isBetween(8_500L, 20_000L);
		JsonNode done = this.live.get("/v1/numbers/jobs/" + job + "?limit=100").data();
		assertThat(done.get("processed").asInt()).isEqualTo(30);
		assertThat(done.get("valid").asInt()).isEqualTo(27);
		assertThat(done.get("invalid").asInt()).as("the sandbox: numbers ending in 9990").isEqualTo(3);
		assertThat(done.get("failed").asInt()).isZero();
		assertThat(done.get("results")).extracting((answer) -> answer.get("phone").asString())
			.containsExactlyElementsOf(phones.stream().map((phone) -> "+" + phone).toList());
		JsonNode secondPage = this.live.get("/v1/numbers/jobs/" + job + "?page=2&limit=20").data().get("results");
		assertThat(secondPage).hasSize(10);
		assertThat(secondPage.get(0).get("phone").asString()).isEqualTo("+254713309990");
		assertThat(secondPage.get(0).get("isWhatsapp").asBoolean()).isFalse();

		HttpJson other = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(ThreadLocalRandom.current().nextLong(1, 1L << 40), Environment.LIVE));
		assertThat(other.get("/v1/numbers/jobs/" + job).status()).isEqualTo(404);
	}

	/**
	 * Issue 26: a tenant's two long jobs whose session is deleted used to wait forever
	 * for a check slot that never opened, holding both workers, so every other tenant's
	 * job stayed queued. Now they fail within seconds (the answers so far kept) and the
	 * other tenant's job runs.
	 */
	@Test
	void jobsWhoseSessionIsDeletedFailWithinSecondsAndFreeTheWorkersForOthers() throws InterruptedException {
		long session = this.live.post("/v1/waha/sessions", Map.of("name", "Doomed")).data().get("id").asLong();
		List<Long> doomed = new ArrayList<>();
		for (int j = 0; j < 2; j++) {
			List<String> phones = new ArrayList<>();
			for (int i = 0; i < 30; i++) {
				phones.add("2547126%02d%03d".formatted(j, i + 100));
			}
			HttpJson.Response accepted = this.live.post("/v1/numbers/verify-bulk",
					Map.of("phones", phones, "session_id", session));
			assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
			doomed.add(accepted.data().get("id").asLong());
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> doomed.stream()
				.allMatch((job) -> this.live.get("/v1/numbers/jobs/" + job)
					.data()
					.get("status")
					.asString()
					.equals("running")));
		// Both on one session at 60 checks a minute: a few checks each meanwhile.
		Thread.sleep(3000);

		// Another tenant's job, all but one of its numbers cached: a second's work, once
		// it gets a worker.
		long otherTenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		HttpJson other = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(otherTenant, Environment.LIVE));
		long otherSession = other.post("/v1/waha/sessions", Map.of("name", "Patient")).data().get("id").asLong();
		List<String> phones = new ArrayList<>();
		for (int i = 0; i < 21; i++) {
			phones.add("254712700" + (100 + i));
		}
		for (String phone : phones.subList(1, 21)) {
			this.mongo.save(new Document("_id", otherTenant + "|LIVE|+" + phone).append("exists", true)
				.append("chatId", phone + "@c.us")
				.append("checkedAt", new Date())
				.append("expiresAt", Date.from(Instant.now().plus(Duration.ofHours(5)))), "number_checks");
		}
		HttpJson.Response waiting = other.post("/v1/numbers/verify-bulk",
				Map.of("phones", phones, "session_id", otherSession));
		assertThat(waiting.status()).as(waiting.body()).isEqualTo(202);
		long patient = waiting.data().get("id").asLong();

		assertThat(this.live.delete("/v1/waha/sessions/" + session).status()).isEqualTo(200);
		long deleted = System.nanoTime();
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> doomed.stream()
				.allMatch((job) -> this.live.get("/v1/numbers/jobs/" + job)
					.data()
					.get("status")
					.asString()
					.equals("failed")));
		assertThat((System.nanoTime() - deleted) / 1_000_000).as("failed within seconds of the delete")
			.isLessThan(5_000);
		for (long job : doomed) {
			JsonNode failed = this.live.get("/v1/numbers/jobs/" + job + "?limit=100").data();
			assertThat(failed.get("error").asString()).isEqualTo("the session was deleted");
			assertThat(failed.get("processed").asInt()).isLessThan(30);
			assertThat(failed.get("results")).as("the answers so far are kept")
				.hasSize(failed.get("processed").asInt());
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> other.get("/v1/numbers/jobs/" + patient).data().get("status").asString().equals("completed"));
		assertThat(other.get("/v1/numbers/jobs/" + patient).data().get("valid").asInt()).isEqualTo(21);
	}

	@Test
	void tenantsTakeTurnsSoOneTenantsLongJobsHoldNobodyElseAndOpenJobsAreCapped() {
		long session = this.live.post("/v1/waha/sessions", Map.of("name", "Busy")).data().get("id").asLong();
		List<Long> busy = new ArrayList<>();
		for (int j = 0; j < 3; j++) {
			List<String> phones = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				phones.add("2547128%02d%03d".formatted(j, i + 100));
			}
			HttpJson.Response accepted = this.live.post("/v1/numbers/verify-bulk",
					Map.of("phones", phones, "session_id", session));
			assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
			busy.add(accepted.data().get("id").asLong());
		}
		// Three jobs of 40 numbers at 60 checks a minute: this tenant is busy for two
		// minutes. Another tenant's job, all but one number cached, is done in seconds.
		long otherTenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		HttpJson other = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(otherTenant, Environment.LIVE));
		long otherSession = other.post("/v1/waha/sessions", Map.of("name", "Quick")).data().get("id").asLong();
		List<String> phones = new ArrayList<>();
		for (int i = 0; i < 21; i++) {
			phones.add("254712900" + (100 + i));
		}
		for (String phone : phones.subList(1, 21)) {
			this.mongo.save(new Document("_id", otherTenant + "|LIVE|+" + phone).append("exists", true)
				.append("chatId", phone + "@c.us")
				.append("checkedAt", new Date())
				.append("expiresAt", Date.from(Instant.now().plus(Duration.ofHours(5)))), "number_checks");
		}
		long started = System.nanoTime();
		long quick = other.post("/v1/numbers/verify-bulk", Map.of("phones", phones, "session_id", otherSession))
			.data()
			.get("id")
			.asLong();
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> other.get("/v1/numbers/jobs/" + quick).data().get("status").asString().equals("completed"));
		assertThat((System.nanoTime() - started) / 1_000_000).as("the other tenant's job waited for no one")
			.isLessThan(5_000);
		assertThat(this.live.get("/v1/numbers/jobs/" + busy.get(2)).data().get("processed").asInt())
			.as("the busy tenant's third job is still waiting its turn")
			.isZero();

		// Five open jobs at most per tenant: the sixth is a 429 with Retry-After.
		for (int j = 3; j < 5; j++) {
			String prefix = "2547" + (130 + j);
			assertThat(this.live
				.post("/v1/numbers/verify-bulk",
						Map.of("phones", phones.stream().map((p) -> p.replace("2547129", prefix)).toList(),
								"session_id", session))
				.status()).isEqualTo(202);
		}
		HttpJson.Response refused = this.live.post("/v1/numbers/verify-bulk",
				Map.of("phones", phones, "session_id", session));
		assertThat(refused.status()).as(refused.body()).isEqualTo(429);
		assertThat(refused.header("Retry-After")).isEqualTo("60");
		assertThat(refused.body()).contains("rate_limited");
	}

	@Test
	void badInputIsA4xx() {
		this.live.post("/v1/waha/sessions", Map.of("name", "Checker"));
		assertThat(this.live.post("/v1/numbers/verify", Map.of("phone", "12")).status()).isEqualTo(422);
		assertThat(this.live.post("/v1/numbers/verify-bulk", Map.of("phones", List.of())).status()).isEqualTo(422);
		List<String> many = new ArrayList<>();
		for (int i = 0; i <= 10_000; i++) {
			many.add("254712345678");
		}
		assertThat(this.live.post("/v1/numbers/verify-bulk", Map.of("phones", many)).status()).isEqualTo(422);
		assertThat(
				this.live.post("/v1/numbers/verify", Map.of("phone", "254712345678", "session_id", 999999999)).status())
			.isEqualTo(404);
	}

}
