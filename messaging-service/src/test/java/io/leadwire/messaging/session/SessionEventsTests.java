package io.leadwire.messaging.session;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.testing.EventCapture;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;
import io.leadwire.testing.TestSecrets;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session changes leave through the session's outbox on {@code messaging.events}, each
 * with the next revision; a deleted session is gone from the API at once and from the
 * database once its {@code SessionDeleted} is out.
 */
@ServiceTest
class SessionEventsTests {

	@LocalServerPort
	int port;

	@Autowired
	SessionStore store;

	@Autowired
	MongoTemplate mongo;

	@Test
	void creationStatusChangesAndDeletionAreEventsWithRisingRevisions() {
		long tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		HttpJson live = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenant, Environment.LIVE));
		long id = live.post("/v1/waha/sessions", Map.of("name", "Front desk")).data().get("id").asLong();

		JsonNode created = one("SessionStatusChanged", id, 1);
		assertThat(created.get("tenantId").asLong()).isEqualTo(tenant);
		assertThat(created.get("environment").asString()).isEqualTo("live");
		assertThat(created.at("/payload/status").asString()).isEqualTo("WORKING");
		assertThat(created.at("/payload/name").asString()).isEqualTo("Front desk");
		assertThat(created.at("/payload/provider").asString()).isEqualTo("sandbox");

		assertThat(this.store.setStatus(id, "FAILED", null)).isTrue();
		assertThat(this.store.setStatus(id, "FAILED", null)).as("no change, no event").isFalse();
		assertThat(one("SessionStatusChanged", id, 2).at("/payload/status").asString()).isEqualTo("FAILED");

		assertThat(live.delete("/v1/waha/sessions/" + id).status()).isEqualTo(200);
		assertThat(one("SessionDeleted", id, 3)).isNotNull();
		assertThat(live.get("/v1/waha/sessions/" + id).status()).isEqualTo(404);
		assertThat(live.delete("/v1/waha/sessions/" + id).status()).isEqualTo(404);
		assertThat(live.get("/v1/waha/sessions").data().valueStream().map((s) -> s.get("id").asLong()))
			.doesNotContain(id);
		assertThat(this.store.setStatus(id, "WORKING", null)).as("a deleted session takes no status").isFalse();

		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
			this.store.purgeDeleted();
			return this.mongo.findById(id, Session.class) == null;
		});
	}

	private static JsonNode one(String type, long session, long revision) {
		List<JsonNode> events = EventCapture.await("messaging.events",
				(event) -> type.equals(event.get("type").asString())
						&& event.at("/payload/sessionId").asLong() == session
						&& event.at("/payload/revision").asLong() == revision,
				Duration.ofSeconds(20));
		assertThat(events).as(type + " revision " + revision).isNotEmpty();
		return events.get(0);
	}

}
