package io.leadwire.gateway;

import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.leadwire.common.apikey.ApiKeyFormat;
import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.common.context.RequestContext;
import io.leadwire.common.id.IdCodec;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTestInitializer;
import io.leadwire.testing.SharedInfrastructure;
import io.leadwire.testing.TestSecrets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authentication, routing, ids and errors of the gateway.
 */
class GatewayRoutingTests extends GatewayTestBase {

	@Test
	void aHotKeyIsVerifiedOnceAndAnUnknownKeyIsRememberedToo() {
		String hot = ApiKeyFormat.generate(Environment.TEST);
		services.stubFor(post("/internal/keys/verify").atPriority(1)
			.withRequestBody(matchingJsonPath("$.hash", equalTo(ApiKeyFormat.sha256Hex(hot))))
			.willReturn(okJson("{\"success\":true,\"data\":{\"status\":\"ACTIVE\",\"keyId\":1000011,"
					+ "\"tenantId\":1000020,\"ownerUserId\":1000030,\"environment\":\"TEST\",\"plan\":\"free\"}}")));
		String lead = IDS.encode(1000040);
		for (int i = 0; i < 20; i++) {
			assertThat(client().header("X-API-Key", hot).get("/v1/leads/" + lead).status()).isEqualTo(200);
		}
		String unknown = ApiKeyFormat.generate(Environment.LIVE);
		for (int i = 0; i < 20; i++) {
			assertThat(client().header("X-API-Key", unknown).get("/v1/leads").status()).isEqualTo(401);
		}
		assertThat(verificationsOf(hot)).isEqualTo(1);
		assertThat(verificationsOf(unknown)).isEqualTo(1);
	}

	private static int verificationsOf(String key) {
		return services
			.findAll(postRequestedFor(urlEqualTo("/internal/keys/verify"))
				.withRequestBody(matchingJsonPath("$.hash", equalTo(ApiKeyFormat.sha256Hex(key)))))
			.size();
	}

	@Test
	void malformedKeysCostNoLookup() {
		for (int i = 0; i < 50; i++) {
			assertThat(client().header("X-API-Key", "lw_live_sk_" + "x".repeat(32)).get("/v1/leads").status())
				.isEqualTo(401);
		}
		assertThat(services.findAll(postRequestedFor(urlEqualTo("/internal/keys/verify")))).isEmpty();
	}

	@Test
	void theServiceGetsASignedContextAndInternalIdsButNeverTheKey() {
		String lead = IDS.encode(1000040);
		HttpJson.Response response = client().header("X-Leadwire-Context", "forged")
			.header("X-Leadwire-Tenant", "1")
			.get("/v1/leads/" + lead + "?api_key=" + KEY);

		assertThat(response.status()).isEqualTo(200);
		LoggedRequest forwarded = services
			.findAll(com.github.tomakehurst.wiremock.client.WireMock
				.getRequestedFor(urlPathEqualTo("/v1/leads/1000040")))
			.get(0);
		assertThat(forwarded.getUrl()).isEqualTo("/v1/leads/1000040");
		assertThat(forwarded.containsHeader("X-API-Key")).isFalse();
		assertThat(forwarded.containsHeader("X-Leadwire-Tenant")).isFalse();
		RequestContext context = TestSecrets.SIGNER.verify(forwarded.getHeader(ContextSigner.HEADER));
		assertThat(context.tenantId()).isEqualTo(1000020L);
		assertThat(context.environment()).isEqualTo(Environment.LIVE);
		assertThat(context.keyId()).isEqualTo(1000010L);
		assertThat(context.requestId()).isEqualTo(response.header("X-Request-Id"));
	}

	@Test
	void credentialsAndClientSentInternalHeadersNeverReachTheService() {
		String lead = IDS.encode(1000040);
		services.resetRequests();
		HttpJson.Response response = client().header("Authorization", "Bearer " + KEY)
			.header("x-leadwire-context", "forged")
			.header("X-Request-Id", "client-chosen-id")
			.get("/v1/leads/" + lead);

		assertThat(response.status()).isEqualTo(200);
		LoggedRequest forwarded = services
			.findAll(com.github.tomakehurst.wiremock.client.WireMock
				.getRequestedFor(urlPathEqualTo("/v1/leads/1000040")))
			.get(0);
		assertThat(forwarded.containsHeader("X-API-Key")).isFalse();
		assertThat(forwarded.containsHeader("Authorization")).isFalse();
		assertThat(forwarded.getHeaders().getHeader(ContextSigner.HEADER).values()).hasSize(1);
		assertThat(TestSecrets.SIGNER.verify(forwarded.getHeader(ContextSigner.HEADER)).requestId())
			.isEqualTo("client-chosen-id");
		assertThat(forwarded.getHeader("X-Request-Id")).isEqualTo("client-chosen-id");
		// Other tests look for the first request to this lead.
		services.resetRequests();
	}

	@Test
	void hopByHopAndForwardingHeadersStopAtTheGatewayBothWays() throws Exception {
		services.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/v1/leads/1000040"))
			.atPriority(1)
			.willReturn(okJson("{\"success\":true,\"data\":{\"id\":1000040}}").withHeader("Proxy-Authenticate", "Basic")
				.withHeader("X-Service", "kept")));
		services.resetRequests();
		String answer = rawGet("/v1/leads/" + IDS.encode(1000040), "X-API-Key: " + KEY, "Connection: keep-alive, X-Hop",
				"X-Hop: secret", "Keep-Alive: timeout=5", "Proxy-Authorization: Basic Zm9v", "TE: trailers",
				"Forwarded: for=203.0.113.9", "X-Forwarded-For: 203.0.113.9", "X-Forwarded-Host: evil.example",
				"Accept-Language: fr");

		assertThat(answer).startsWith("HTTP/1.1 200").containsIgnoringCase("X-Service: kept");
		assertThat(answer.toLowerCase(java.util.Locale.ROOT)).doesNotContain("proxy-authenticate");
		LoggedRequest forwarded = services
			.findAll(com.github.tomakehurst.wiremock.client.WireMock
				.getRequestedFor(urlPathEqualTo("/v1/leads/1000040")))
			.get(0);
		for (String dropped : java.util.List.of("X-Hop", "Keep-Alive", "Proxy-Authorization", "TE", "Forwarded",
				"X-Forwarded-For", "X-Forwarded-Host", "X-API-Key")) {
			assertThat(forwarded.containsHeader(dropped)).as(dropped).isFalse();
		}
		assertThat(forwarded.getHeader("Accept-Language")).isEqualTo("fr");
		services.resetRequests();
	}

	@Test
	void serviceCallsStayOnTheEventLoopThatServesTheClient(@Autowired RoutingLoopRecorder recorder) throws Exception {
		recorder.sameLoop.clear();
		String lead = IDS.encode(1000040);
		HttpJson client = client().header("X-API-Key", KEY);
		// Several client connections at once, so requests arrive on every event loop.
		try (var users = java.util.concurrent.Executors.newFixedThreadPool(8)) {
			java.util.List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
			for (int i = 0; i < 64; i++) {
				statuses.add(users.submit(() -> client.get("/v1/leads/" + lead).status()));
			}
			for (var status : statuses) {
				assertThat(status.get()).isEqualTo(200);
			}
		}
		// Recorded once the answer is written, which can be just after the client has it.
		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(recorder.sameLoop).hasSizeGreaterThanOrEqualTo(64));
		assertThat(recorder.sameLoop).containsOnly(true);
	}

	@Test
	void aServiceThatDoesNotAnswerInTimeGets504InTheEnvelope() {
		services.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/v1/leads/1000077"))
			.atPriority(1)
			.willReturn(okJson("{\"success\":true,\"data\":{}}").withFixedDelay(6000)));
		long start = System.nanoTime();
		HttpJson.Response response = client().header("X-API-Key", KEY).get("/v1/leads/" + IDS.encode(1000077));

		assertThat(response.status()).isEqualTo(504);
		assertThat(response.code()).isEqualTo("gateway_timeout");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
	}

	/**
	 * A GET written by hand, for headers Java's HTTP client refuses to send; the answer's
	 * head.
	 */
	private String rawGet(String path, String... headers) throws java.io.IOException {
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
			for (String header : headers) {
				request.append(header).append("\r\n");
			}
			socket.getOutputStream()
				.write(request.append("\r\n").toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
			java.io.InputStream in = socket.getInputStream();
			StringBuilder head = new StringBuilder();
			while (head.indexOf("\r\n\r\n") < 0) {
				int next = in.read();
				if (next < 0) {
					break;
				}
				head.append((char) next);
			}
			return head.toString();
		}
	}

	@Test
	void responseIdsAreEncodedAndBodyIdsDecoded() {
		String lead = IDS.encode(1000040);
		HttpJson.Response response = client().header("Authorization", "Bearer " + KEY).get("/v1/leads/" + lead);
		assertThat(response.data().get("id").asString()).isEqualTo(lead);
		assertThat(response.data().get("tenantId").asString()).isEqualTo(IDS.encode(1000020));
		assertThat(response.data().get("assignedTo").asString()).isEqualTo(IDS.encode(1000030));
		assertThat(response.data().get("score").asInt()).isEqualTo(7);

		HttpJson.Response created = client().header("X-API-Key", KEY)
			.post("/v1/leads", Map.of("email", "a@b.co", "assigned_to", IDS.encode(1000030)));
		assertThat(created.data().get("id").asString()).isEqualTo(IDS.encode(1000041));
		assertThat(services.findAll(postRequestedFor(urlEqualTo("/v1/leads"))).get(0).getBodyAsString())
			.contains("\"assigned_to\":1000030");
	}

	@Test
	void encodedQueryValuesReachTheServiceAsSentWithIdsDecoded() {
		services.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/v1/leads"))
			.willReturn(okJson("{\"success\":true,\"data\":[]}")));
		HttpJson.Response response = client().header("X-API-Key", KEY)
			.get("/v1/leads?q=%25%25zz%20a%2Bb&assignedTo=" + IDS.encode(1000030) + "&cursor=%3D%3D");
		assertThat(response.status()).isEqualTo(200);
		LoggedRequest forwarded = services
			.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/v1/leads")))
			.get(0);
		assertThat(forwarded.getUrl()).isEqualTo("/v1/leads?q=%25%25zz%20a%2Bb&assignedTo=1000030&cursor=%3D%3D");
	}

	@Test
	void anHtmlErrorPageFromAServiceReachesTheClientAsAnEnvelope() {
		services.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/v1/contacts/groups"))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "text/html")
				.withBody("<html><body>HTTP Status 400 – Bad Request (Tomcat)</body></html>")));
		HttpJson.Response response = client().header("X-API-Key", KEY).get("/v1/contacts/groups");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.code()).isEqualTo("bad_request");
		assertThat(response.body()).doesNotContain("Tomcat");
		assertThat(client().header("X-API-Key", KEY).get("/v1/leads/%00").status()).isEqualTo(404);
	}

	@Test
	void nonJsonResponsesPassThroughUntouched() {
		HttpJson.Response csv = client().header("X-API-Key", KEY).get("/v1/contacts/export?format=csv");
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.body()).isEqualTo("id,name\n1000040,Ada\n");
	}

	@Test
	void badIdsAre404InThePathAnd422InTheBody() {
		assertThat(client().header("X-API-Key", KEY).get("/v1/leads/garbage").status()).isEqualTo(404);
		HttpJson.Response body = client().header("X-API-Key", KEY)
			.post("/v1/leads", Map.of("email", "a@b.co", "assignedTo", "garbage"));
		assertThat(body.status()).isEqualTo(422);
		assertThat(body.json().get("errors").get(0).get("field").asString()).isEqualTo("assignedTo");
	}

	@Test
	void aServiceThatIsDownIs503InTheEnvelope() {
		HttpJson.Response response = client().header("X-API-Key", KEY).get("/v1/campaigns");
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.code()).isEqualTo("service_unavailable");
		assertThat(response.json().get("meta").get("requestId").asString()).isNotBlank();
	}

	@Test
	void keyVerificationOutageIs503NotA500() {
		services.stubFor(post("/internal/keys/verify").atPriority(1).willReturn(aResponse().withStatus(500)));
		HttpJson.Response response = client().header("X-API-Key", ApiKeyFormat.generate(Environment.TEST))
			.get("/v1/leads");
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.code()).isEqualTo("service_unavailable");
	}

	@Test
	void aRevocationEventEvictsTheCachedKeyAndTheNextRequestIs403() {
		String key = ApiKeyFormat.generate(Environment.LIVE);
		String hash = ApiKeyFormat.sha256Hex(key);
		services.stubFor(post("/internal/keys/verify").atPriority(1)
			.withRequestBody(matchingJsonPath("$.hash", equalTo(hash)))
			.willReturn(okJson("{\"data\":{\"status\":\"ACTIVE\",\"keyId\":1000012,\"tenantId\":1000020,"
					+ "\"ownerUserId\":1000030,\"environment\":\"live\",\"plan\":\"free\"}}")));
		String lead = "/v1/leads/" + IDS.encode(1000040);
		assertThat(client().header("X-API-Key", key).get(lead).status()).isEqualTo(200);

		services.stubFor(post("/internal/keys/verify").atPriority(1)
			.withRequestBody(matchingJsonPath("$.hash", equalTo(hash)))
			.willReturn(okJson("{\"data\":{\"status\":\"REVOKED\",\"keyId\":1000012}}")));
		assertThat(client().header("X-API-Key", key).get(lead).status()).as("still cached").isEqualTo(200);

		String event = "{\"eventId\":\"e-1\",\"type\":\"ApiKeyRevoked\",\"payload\":{\"keyId\":1000012,"
				+ "\"hashes\":[\"" + hash + "\"]}}";
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().kafkaBootstrapServers(),
						ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
						ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
			// The gateway's consumer reads only new records; repeat until its group is
			// assigned.
			Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
				producer.send(new ProducerRecord<>("apikeys.events", "1000012", event)).get();
				return client().header("X-API-Key", key).get(lead).status() == 403;
			});
		}
		HttpJson.Response refused = client().header("X-API-Key", key).get(lead);
		assertThat(refused.code()).isEqualTo("api_key_revoked");
	}

}
