package io.leadwire.messaging.provider.waha;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;

import io.leadwire.messaging.LiveWahaTenant;
import io.leadwire.messaging.crypto.WebhookSignatures;
import io.leadwire.messaging.message.Message;
import io.leadwire.messaging.session.Session;
import io.leadwire.messaging.session.SessionStore;
import io.leadwire.messaging.session.Sessions;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lean path of WAHA's webhooks
 * ({@link io.leadwire.messaging.webhook.LeanWebhookFilter}) answers as the rest of the
 * API does: a signed ack stored before its 200, the envelope with the request id, the
 * security headers; a forged one 401, a non-JSON body 415, a malformed Content-Type 400,
 * an oversized body 413, another method 405 — each in the envelope.
 */
@ServiceTest
class WahaWebhookFilterTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	MongoOperations mongo;

	@Autowired
	SessionStore sessions;

	@Autowired
	Sessions secrets;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ObjectMapper json;

	@Test
	void aSignedAckIsStoredBeforeItsAnswerAndEveryRefusalIsInTheEnvelope() throws Exception {
		LiveWahaTenant tenant = LiveWahaTenant.open(this.port, 10);
		HttpJson live = tenant.live();
		long sessionId = tenant.sessionId();
		HttpJson.Response sent = live.post("/v1/waha/send", Map.of("session_id", sessionId, "to", "254110377776",
				"type", "text", "message", "Hello from LeadFlux API!"));
		assertThat(sent.status()).as(sent.body()).isEqualTo(202);
		long messageId = sent.data().get("messageId").asLong();
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> this.mongo.findById(messageId, Message.class).providerRef() != null);
		Session session = this.sessions.find(sessionId).orElseThrow();
		String secret = this.secrets.webhookSecret(session);
		String unique = this.mongo.findById(messageId, Message.class).providerRef().split(":", 2)[1];
		// Read (4 PLAYED counts as read): ahead of the sandbox's own acks.
		byte[] ack = ("{\"event\":\"message.ack\",\"session\":\"" + session.providerSession()
				+ "\",\"payload\":{\"id\":\"true_254110377776@c.us_" + unique
				+ "\",\"from\":\"254110377776@c.us\",\"fromMe\":true,\"ack\":4,\"ackName\":\"PLAYED\"}}")
			.getBytes(StandardCharsets.UTF_8);
		double acceptedBefore = accepted();

		HttpResponse<String> ok = post("application/json", ack, WebhookSignatures.hmacHex("HmacSHA512", secret, ack));
		assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
		JsonNode envelope = this.json.readTree(ok.body());
		assertThat(envelope.get("success").asBoolean()).isTrue();
		assertThat(envelope.get("status").asInt()).isEqualTo(200);
		assertThat(envelope.at("/meta/requestId").asString()).isNotBlank()
			.isEqualTo(ok.headers().firstValue("X-Request-Id").orElse(null));
		assertThat(ok.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(ok.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(ok.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
		// Stored when answered: no waiting.
		assertThat(this.mongo.findById(messageId, Message.class).status()).isEqualTo("read");
		// The sandbox posts its own acks meanwhile: at least this one counted.
		assertThat(accepted()).isGreaterThanOrEqualTo(acceptedBefore + 1);

		assertRefused(post("application/json", ack, "00".repeat(64)), 401, "invalid_signature");
		assertRefused(post("application/json", ack, null), 401, "invalid_signature");
		assertRefused(post("text/plain", ack, WebhookSignatures.hmacHex("HmacSHA512", secret, ack)), 415,
				"unsupported_media_type");
		assertRefused(post("*/*", ack, WebhookSignatures.hmacHex("HmacSHA512", secret, ack)), 400, "bad_request");
		byte[] huge = new byte[WahaWebhooks.MAX_BODY + 1];
		java.util.Arrays.fill(huge, (byte) ' ');
		assertRefused(post("application/json", huge, WebhookSignatures.hmacHex("HmacSHA512", secret, huge)), 413,
				"payload_too_large");
		HttpResponse<String> get = HTTP.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + WahaWebhooks.PATH)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertRefused(get, 405, "method_not_allowed");
		assertThat(this.mongo.findById(messageId, Message.class).statusHistory()).extracting("status")
			.doesNotHaveDuplicates();
	}

	private void assertRefused(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		JsonNode envelope = this.json.readTree(response.body());
		assertThat(envelope.get("success").asBoolean()).isFalse();
		assertThat(envelope.get("status").asInt()).isEqualTo(status);
		assertThat(envelope.get("code").asString()).isEqualTo(code);
		assertThat(envelope.at("/meta/requestId").asString()).isNotBlank();
	}

	private double accepted() {
		return this.meters.counter("leadwire.webhooks.requests", "provider", "waha", "outcome", "accepted").count();
	}

	private HttpResponse<String> post(String contentType, byte[] body, String signature) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + WahaWebhooks.PATH))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (signature != null) {
			request.header(WahaWebhooks.SIGNATURE, signature);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
