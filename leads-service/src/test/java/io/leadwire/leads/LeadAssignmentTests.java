package io.leadwire.leads;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;
import io.leadwire.testing.TestSecrets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assignees must be users of the lead's tenant; apikey-service (an HTTP stub here; the
 * end-to-end suite uses the real one) answers with the caller's own signed context.
 */
@ServiceTest
class LeadAssignmentTests {

	static final WireMockServer apikey = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	@LocalServerPort
	int port;

	HttpJson live;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		apikey.start();
		registry.add("leadwire.leads.apikey-service-url", () -> "http://127.0.0.1:" + apikey.port());
	}

	@AfterAll
	static void stop() {
		apikey.stop();
	}

	@BeforeEach
	void setUp() {
		apikey.resetAll();
		apikey.stubFor(get(urlPathMatching("/v1/users/.*")).willReturn(aResponse().withStatus(404)));
		apikey.stubFor(get("/v1/users/1000077").willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withBody("{\"success\":true,\"data\":{\"id\":1000077}}")));
		long tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		this.live = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenant, Environment.LIVE));
	}

	@Test
	void assigningToAUserOfTheTenantWorksAndTheCheckCarriesTheCallersContext() {
		long id = this.live.post("/v1/leads", Map.of("email", "a@acme.example")).data().get("id").asLong();
		HttpJson.Response assigned = this.live.post("/v1/leads/" + id + "/assign", Map.of("assignedTo", 1000077));
		assertThat(assigned.status()).isEqualTo(200);
		assertThat(assigned.data().get("assignedTo").asLong()).isEqualTo(1000077);
		assertThat(
				apikey.findAll(getRequestedFor(urlEqualTo("/v1/users/1000077"))).get(0).getHeader(ContextSigner.HEADER))
			.isNotBlank();

		Map<String, Object> unassign = new HashMap<>();
		unassign.put("assigned_to", null);
		assertThat(this.live.post("/v1/leads/" + id + "/assign", unassign).data().get("assignedTo").isNull()).isTrue();
	}

	@Test
	void anAssigneeWhoIsNotAUserOfTheTenantIs422Everywhere() {
		HttpJson.Response create = this.live.post("/v1/leads",
				Map.of("email", "b@acme.example", "assignedTo", 1000078));
		assertThat(create.status()).isEqualTo(422);
		assertThat(create.json().get("errors").get(0).get("field").asString()).isEqualTo("assignedTo");

		long id = this.live.post("/v1/leads", Map.of("email", "b@acme.example")).data().get("id").asLong();
		assertThat(this.live.post("/v1/leads/" + id + "/assign", Map.of("assignedTo", 1000078)).status())
			.isEqualTo(422);
		assertThat(this.live.patch("/v1/leads/" + id, Map.of("assignedTo", 1000078)).status()).isEqualTo(422);
		assertThat(this.live.post("/v1/leads/" + id + "/assign", Map.of("name", "x")).status()).isEqualTo(422);
		assertThat(this.live.get("/v1/leads/" + id).data().get("assignedTo").isNull()).isTrue();
	}

	@org.springframework.beans.factory.annotation.Autowired
	io.leadwire.common.feign.CircuitBreakingCapability circuitBreakers;

	@org.junit.jupiter.api.AfterEach
	void closeCircuits() {
		this.circuitBreakers.breakers()
			.getAllCircuitBreakers()
			.forEach(io.github.resilience4j.circuitbreaker.CircuitBreaker::reset);
	}

	@Test
	void aUserDirectoryThatKeepsFailingOpensTheCircuitSoCallsStopAndAnswer503() {
		apikey.stubFor(get("/v1/users/1000080").willReturn(aResponse().withStatus(500)));
		for (int i = 0; i < 15; i++) {
			HttpJson.Response response = this.live.post("/v1/leads",
					Map.of("email", "cb" + i + "@acme.example", "assignedTo", 1000080));
			assertThat(response.status()).isEqualTo(503);
		}
		int reached = apikey.findAll(getRequestedFor(urlEqualTo("/v1/users/1000080"))).size();
		assertThat(reached).as("calls that reached the failing service").isBetween(10, 14);
		// 4xx answers are the service working: they never open a circuit.
		for (int i = 0; i < 15; i++) {
			assertThat(this.live.post("/v1/leads", Map.of("email", "x@acme.example", "assignedTo", 1000078)).status())
				.isIn(422, 503);
		}
	}

	@Test
	void aGetThatCannotReachTheServiceIsRetried() {
		apikey.stubFor(get("/v1/users/1000081")
			.willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
		HttpJson.Response response = this.live.post("/v1/leads",
				Map.of("email", "retry@acme.example", "assignedTo", 1000081));
		assertThat(response.status()).isEqualTo(503);
		// Three attempts by our retryer (the JDK transport may resend a reset GET once
		// more
		// itself); IdempotentRetryerTests pins the rule itself.
		assertThat(apikey.findAll(getRequestedFor(urlEqualTo("/v1/users/1000081"))).size()).isGreaterThanOrEqualTo(3);
	}

	@Test
	void aNotFoundAnswerNeverOpensTheCircuit() {
		for (int i = 0; i < 15; i++) {
			assertThat(this.live.post("/v1/leads", Map.of("email", "nf@acme.example", "assignedTo", 1000078)).status())
				.isEqualTo(422);
		}
		assertThat(this.live.post("/v1/leads", Map.of("email", "ok@acme.example", "assignedTo", 1000077)).status())
			.isEqualTo(201);
	}

	@Test
	void anUnreachableUserDirectoryIs503NotA500() {
		apikey.stubFor(get("/v1/users/1000079").willReturn(aResponse().withStatus(500)));
		HttpJson.Response response = this.live.post("/v1/leads",
				Map.of("email", "c@acme.example", "assignedTo", 1000079));
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.code()).isEqualTo("service_unavailable");
	}

}
