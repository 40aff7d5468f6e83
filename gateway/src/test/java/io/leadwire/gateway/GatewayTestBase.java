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

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
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
 * One gateway context for the gateway's own test classes, with the services behind it
 * stubbed at the HTTP level (the end-to-end suite runs it against the real ones); every
 * subclass shares the context, the stubs server and the real Redis and Kafka.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = ServiceTestInitializer.class)
@Import(RoutingLoopRecorder.class)
abstract class GatewayTestBase {

	static final WireMockServer services = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	static final String KEY = ApiKeyFormat.generate(Environment.LIVE);

	static final IdCodec IDS = TestSecrets.IDS;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		services.start();
		String url = "http://127.0.0.1:" + services.port();
		registry.add("APIKEY_SERVICE_URL", () -> url);
		registry.add("LEADS_SERVICE_URL", () -> url);
		registry.add("CONTACTS_SERVICE_URL", () -> url);
		registry.add("CAMPAIGN_SERVICE_URL", () -> "http://127.0.0.1:1");
		registry.add("management.server.port", () -> "0");
		// Short enough for GatewayRoutingTests to see a slow service answered with 504.
		registry.add("spring.cloud.gateway.server.webflux.httpclient.response-timeout", () -> "2s");
		// Tests end with the JVM: no need for Netty's graceful quiet period.
		registry.add("spring.reactor.netty.shutdown-quiet-period", () -> "0s");
		// Routing, not limits, is under test here (RateLimitTests has the real plans).
		registry.add("leadwire.gateway.rate-limits.plans.free.per-minute", () -> "1000000");
		registry.add("leadwire.gateway.rate-limits.plans.free.burst", () -> "1000000");
		registry.add("leadwire.gateway.rate-limits.plans.free.per-day", () -> "100000000");
		// IdRulesTests changes a service's rules and waits for the gateway to follow.
		registry.add("leadwire.gateway.id-rules.refresh", () -> "1s");
	}

	/**
	 * The id rules every stubbed service declares (the services' own, as their
	 * /internal/id-rules serve them; one stub answers for leads, contacts and apikey).
	 */
	static final String ID_RULES = "{\"success\":true,\"data\":{\"fields\":[\"id\",\"_id\",\"tenantId\",\"assignedTo\","
			+ "\"duplicateOf\",\"leadIds\",\"batchId\",\"jobId\",\"groupId\",\"groupIds\",\"contactIds\",\"ids\","
			+ "\"userId\",\"ownerUserId\",\"actingUserId\",\"keyId\",\"partnerId\",\"companyId\"],\"paths\":["
			+ "\"/v1/leads/import\",\"/v1/leads/imports\",\"/v1/leads/verify\",\"/v1/leads/imports/{id}\","
			+ "\"/v1/leads/verify/{batchId}\",\"/v1/leads/{id}\",\"/v1/leads/{id}/assign\",\"/v1/leads/{id}/duplicates\","
			+ "\"/v1/contacts/export\",\"/v1/contacts/import\",\"/v1/contacts/imports\",\"/v1/contacts/groups\","
			+ "\"/v1/contacts/bulk-delete\",\"/v1/contacts/bulk-assign-group\",\"/v1/contacts/{id}\",\"/v1/api-keys/revoke\","
			+ "\"/v1/api-keys/{id}\",\"/v1/api-keys/{id}/regenerate\",\"/v1/users/{id}\",\"/v1/companies/{id}\"]}}";

	static void stubIdRules(String rules) {
		services.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/internal/id-rules")
			.atPriority(1)
			.willReturn(okJson(rules)));
	}

	/** apikey-service's plan table: empty, so the configured plans hold (see below). */
	static void stubPlans() {
		services.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/internal/plans")
			.atPriority(1)
			.willReturn(okJson("{\"success\":true,\"data\":{\"plans\":[],\"overrides\":[]}}")));
	}

	@BeforeEach
	void stubs() {
		services.resetAll();
		stubIdRules(ID_RULES);
		stubPlans();
		services.stubFor(post("/internal/keys/verify")
			.withRequestBody(matchingJsonPath("$.hash",
					com.github.tomakehurst.wiremock.client.WireMock.equalTo(ApiKeyFormat.sha256Hex(KEY))))
			.willReturn(okJson("{\"success\":true,\"data\":{\"status\":\"ACTIVE\",\"keyId\":1000010,"
					+ "\"tenantId\":1000020,\"ownerUserId\":1000030,\"environment\":\"LIVE\",\"plan\":\"free\"}}")));
		services.stubFor(post("/internal/keys/verify").atPriority(10)
			.willReturn(okJson("{\"success\":true,\"data\":{\"status\":\"UNKNOWN\"}}")));
		services.stubFor(any(urlPathEqualTo("/v1/leads/1000040")).willReturn(okJson(
				"{\"success\":true,\"data\":{\"id\":1000040,\"tenantId\":1000020,\"assignedTo\":1000030,\"score\":7}}")));
		services.stubFor(post("/v1/leads").willReturn(okJson("{\"success\":true,\"data\":{\"id\":1000041}}")));
		services.stubFor(any(urlPathEqualTo("/v1/contacts/export"))
			.willReturn(aResponse().withHeader("Content-Type", "text/csv").withBody("id,name\n1000040,Ada\n")));
	}

	HttpJson client() {
		return new HttpJson("http://127.0.0.1:" + this.port);
	}

	static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
		return aResponse().withHeader("Content-Type", "application/json").withBody(body);
	}

	static {
		services.stubFor(any(anyUrl()).atPriority(100).willReturn(aResponse().withStatus(404)));
		stubIdRules(ID_RULES);
		stubPlans();
		Runtime.getRuntime().addShutdownHook(new Thread(services::stop));
	}

}
