package io.leadwire.leads.verification;

import io.leadwire.common.net.AddressGuard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.testing.EventCapture;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;
import io.leadwire.testing.TestSecrets;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Website verification against sites served by WireMock on loopback, reachable only
 * through the test-only names {@code site.test} and {@code other.test}: statuses,
 * redirects re-checked at every hop, the private-address guard, timeouts, and the batch's
 * progress.
 */
@ServiceTest
class LeadVerificationTests {

	static final Duration WAIT = Duration.ofSeconds(30);

	static WireMockServer sites;

	@LocalServerPort
	int port;

	long tenant;

	HttpJson live;

	@BeforeAll
	static void startSites() {
		sites = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
		sites.start();
		sites.stubFor(get("/ok").willReturn(aResponse().withStatus(200).withBody("<html>up</html>")));
		sites.stubFor(get("/members").willReturn(aResponse().withStatus(403)));
		sites.stubFor(get("/missing").willReturn(aResponse().withStatus(404)));
		sites.stubFor(get("/broken").willReturn(aResponse().withStatus(503)));
		sites.stubFor(get("/hop1").willReturn(aResponse().withStatus(301).withHeader("Location", "/hop2")));
		sites.stubFor(get("/hop2").willReturn(
				aResponse().withStatus(302).withHeader("Location", "http://other.test:" + sites.port() + "/ok")));
		sites.stubFor(get("/to-private").willReturn(
				aResponse().withStatus(302).withHeader("Location", "http://127.0.0.1:" + sites.port() + "/secret")));
		sites.stubFor(get("/to-metadata").willReturn(
				aResponse().withStatus(307).withHeader("Location", "http://169.254.169.254/latest/meta-data/")));
		sites.stubFor(get("/loop").willReturn(aResponse().withStatus(302).withHeader("Location", "/loop")));
		sites.stubFor(get("/secret").willReturn(aResponse().withStatus(200)));
		sites.stubFor(get("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
	}

	@AfterAll
	static void stopSites() {
		sites.stop();
	}

	@BeforeEach
	void setUp() {
		this.tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		this.live = as(this.tenant);
	}

	HttpJson as(long tenantId) {
		return new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenantId, Environment.LIVE));
	}

	@Test
	void checksEachWebsiteFollowingAndRecheckingRedirects() {
		String site = "site.test:" + sites.port();
		Map<String, String> expected = new HashMap<>();
		Map<String, Long> ids = new HashMap<>();
		lead(ids, expected, "ok", "http://" + site + "/ok", "WORKING");
		lead(ids, expected, "no-scheme", site + "/ok", "WORKING");
		lead(ids, expected, "refusing-robots", "http://" + site + "/members", "WORKING");
		lead(ids, expected, "redirected", "http://" + site + "/hop1", "WORKING");
		lead(ids, expected, "missing", "http://" + site + "/missing", "NOT_WORKING");
		lead(ids, expected, "broken", "http://" + site + "/broken", "NOT_WORKING");
		lead(ids, expected, "to-private", "http://" + site + "/to-private", "NOT_WORKING");
		lead(ids, expected, "to-metadata", "http://" + site + "/to-metadata", "NOT_WORKING");
		lead(ids, expected, "loop", "http://" + site + "/loop", "NOT_WORKING");
		lead(ids, expected, "loopback-ip", "http://127.0.0.1:" + sites.port() + "/secret", "NOT_WORKING");
		lead(ids, expected, "metadata", "http://169.254.169.254/latest/meta-data/", "NOT_WORKING");
		lead(ids, expected, "slow", "http://" + site + "/slow", "NOT_WORKING");
		lead(ids, expected, "no-website", null, "NO_WEBSITE");

		JsonNode accepted = this.live.post("/v1/leads/verify", Map.of("lead_ids", new ArrayList<>(ids.values())))
			.json();
		assertThat(accepted.get("status").asInt()).isEqualTo(202);
		long batchId = accepted.get("data").get("batchId").asLong();
		JsonNode batch = awaitDone(batchId);

		assertThat(batch.get("status").asString()).isEqualTo("completed");
		assertThat(batch.get("total").asLong()).isEqualTo(13);
		assertThat(batch.get("processed").asLong()).isEqualTo(13);
		assertThat(batch.get("working").asLong()).isEqualTo(4);
		assertThat(batch.get("notWorking").asLong()).isEqualTo(8);
		assertThat(batch.get("noWebsite").asLong()).isEqualTo(1);
		ids.forEach((name, id) -> assertThat(this.live.get("/v1/leads/" + id).data().get("websiteStatus").asString())
			.as(name)
			.isEqualTo(expected.get(name)));
		// Nothing on a private address was ever fetched, and the loop stopped after 5
		// redirects.
		sites.verify(0, getRequestedFor(urlPathEqualTo("/secret")));
		assertThat(sites.findAll(getRequestedFor(urlPathEqualTo("/loop")))).hasSize(6);
		long ok = ids.get("ok");
		assertThat(EventCapture.await("leads.events", (event) -> event.path("payload").path("leadId").asLong() == ok
				&& event.path("type").asString().equals("LeadUpdated"), WAIT))
			.hasSize(1);
		// Every lead checked publishes LeadVerified (tenants' webhooks: lead.verified).
		long missing = ids.get("missing");
		java.util.List<JsonNode> verified = EventCapture.await("leads.events",
				(event) -> event.path("payload").path("leadId").asLong() == missing
						&& event.path("type").asString().equals("LeadVerified"),
				WAIT);
		assertThat(verified).hasSize(1);
		assertThat(verified.get(0).get("payload").get("websiteStatus").asString()).isEqualTo("NOT_WORKING");
		assertThat(verified.get(0).get("payload").get("batchId").asLong()).isEqualTo(batchId);
	}

	@Test
	void theHostsOwnAddressesAndSpecialPurposeRangesAreNeverFetchedDirectlyOrByRedirect() throws Exception {
		WireMockServer ownHost = new WireMockServer(
				WireMockConfiguration.options().bindAddress("0.0.0.0").dynamicPort());
		ownHost.start();
		try {
			ownHost.stubFor(
					get("/actuator/health").willReturn(aResponse().withStatus(200).withBody("{\"status\":\"UP\"}")));
			List<String> websites = new ArrayList<>();
			// Website addresses are host names or IPv4 literals (IPv6 literals are
			// refused as
			// websites, and AddressGuardTests covers this host's IPv6 addresses).
			for (java.net.InetAddress own : AddressGuard.ownAddresses()) {
				if (own instanceof java.net.Inet4Address && !own.isLoopbackAddress()) {
					websites.add("http://" + own.getHostAddress() + ":" + ownHost.port() + "/actuator/health");
				}
			}
			assertThat(websites).as("this host has a non-loopback address").isNotEmpty();
			String firstOwn = websites.get(0);
			sites.stubFor(get("/to-own").willReturn(aResponse().withStatus(302).withHeader("Location", firstOwn)));
			websites.add("http://site.test:" + sites.port() + "/to-own");
			for (String special : new String[] { "192.0.2.10", "198.51.100.7", "203.0.113.9", "192.0.0.170",
					"240.0.0.1" }) {
				websites.add("http://" + special + ":" + ownHost.port() + "/actuator/health");
			}
			List<Long> ids = new ArrayList<>();
			for (String website : websites) {
				HttpJson.Response created = this.live.post("/v1/leads",
						Map.of("email", "own" + ids.size() + "@acme.example", "website", website));
				assertThat(created.status()).as(website + ": " + created.body()).isEqualTo(201);
				ids.add(created.data().get("id").asLong());
			}

			JsonNode batch = awaitDone(
					this.live.post("/v1/leads/verify", Map.of("leadIds", ids)).data().get("batchId").asLong());
			assertThat(batch.get("notWorking").asLong()).as(websites.toString()).isEqualTo(websites.size());
			assertThat(ownHost.getAllServeEvents()).as("requests that reached this host's own address").isEmpty();
		}
		finally {
			ownHost.stop();
		}
	}

	@Test
	void aTenantWhoseSitesNeverAnswerDoesNotHoldUpAnotherTenantsBatch() throws Exception {
		// Connections complete in the kernel's backlog and then nothing is ever answered.
		try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 200,
				java.net.InetAddress.getLoopbackAddress())) {
			List<Long> stuck = new ArrayList<>();
			for (int i = 0; i < 32; i++) {
				stuck.add(this.live
					.post("/v1/leads",
							Map.of("email", "silent" + i + "@acme.example", "website",
									"http://site.test:" + silent.getLocalPort() + "/page" + i))
					.data()
					.get("id")
					.asLong());
			}
			long slowBatch = this.live.post("/v1/leads/verify", Map.of("leadIds", stuck))
				.data()
				.get("batchId")
				.asLong();

			HttpJson other = as(this.tenant + 7);
			long otherLead = other
				.post("/v1/leads",
						Map.of("email", "quick@globex.example", "website", "http://site.test:" + sites.port() + "/ok"))
				.data()
				.get("id")
				.asLong();
			long started = System.nanoTime();
			long quickBatch = other.post("/v1/leads/verify", Map.of("leadIds", List.of(otherLead)))
				.data()
				.get("batchId")
				.asLong();
			Awaitility.await()
				.atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> other.get("/v1/leads/verify/" + quickBatch)
					.data()
					.get("status")
					.asString()
					.equals("completed"));
			Duration waited = Duration.ofNanos(System.nanoTime() - started);

			assertThat(waited).isLessThan(Duration.ofSeconds(5));
			assertThat(other.get("/v1/leads/" + otherLead).data().get("websiteStatus").asString()).isEqualTo("WORKING");
			assertThat(this.live.get("/v1/leads/verify/" + slowBatch).data().get("status").asString())
				.as("the silent tenant's batch is still being checked")
				.isEqualTo("running");
			JsonNode slow = awaitDone(slowBatch);
			assertThat(slow.get("notWorking").asLong()).isEqualTo(32);
		}
	}

	@Test
	void withoutIdsEveryLeadOfTheScopeIsChecked() {
		this.live.post("/v1/leads", Map.of("email", "a@acme.example"));
		this.live.post("/v1/leads", Map.of("email", "b@acme.example", "website", "other.test:" + sites.port() + "/ok"));
		long foreign = as(this.tenant + 1).post("/v1/leads", Map.of("email", "c@acme.example"))
			.data()
			.get("id")
			.asLong();

		JsonNode batch = awaitDone(this.live.post("/v1/leads/verify", "{}").data().get("batchId").asLong());
		assertThat(batch.get("total").asLong()).isEqualTo(2);
		assertThat(batch.get("working").asLong()).isEqualTo(1);
		assertThat(batch.get("noWebsite").asLong()).isEqualTo(1);

		// Another tenant's lead named explicitly is simply not part of the batch.
		JsonNode none = awaitDone(
				this.live.post("/v1/leads/verify", Map.of("leadIds", List.of(foreign))).data().get("batchId").asLong());
		assertThat(none.get("total").asLong()).isZero();
		assertThat(as(this.tenant + 1).get("/v1/leads/" + foreign).data().get("websiteStatus").asString())
			.isEqualTo("UNCHECKED");
		assertThat(as(this.tenant + 1).get("/v1/leads/verify/" + none.get("id").asLong()).status()).isEqualTo(404);
	}

	@Test
	void badRequestsAreRefusedInTheEnvelope() {
		assertThat(this.live.post("/v1/leads/verify", Map.of("leadIds", "all")).status()).isEqualTo(400);
		assertThat(this.live.post("/v1/leads/verify", Map.of("leadIds", List.of("x"))).status()).isEqualTo(400);
		assertThat(this.live.post("/v1/leads/verify", "[1,2]").status()).isEqualTo(400);
		assertThat(this.live.post("/v1/leads/verify", "{not json").status()).isEqualTo(400);
		List<Long> tooMany = new ArrayList<>();
		for (long i = 0; i <= LeadVerifications.MAX_LEAD_IDS; i++) {
			tooMany.add(1_000_000 + i);
		}
		HttpJson.Response response = this.live.post("/v1/leads/verify", Map.of("leadIds", tooMany));
		assertThat(response.status()).isEqualTo(422);
		assertThat(response.code()).isEqualTo("validation_failed");
		assertThat(this.live.get("/v1/leads/verify/12345678").status()).isEqualTo(404);
		assertThat(this.live.get("/v1/leads/verify/abc").status()).isEqualTo(400);
	}

	private void lead(Map<String, Long> ids, Map<String, String> expected, String name, String website, String status) {
		Map<String, Object> body = new HashMap<>();
		body.put("email", name + "@acme.example");
		if (website != null) {
			body.put("website", website);
		}
		HttpJson.Response created = this.live.post("/v1/leads", body);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		ids.put(name, created.data().get("id").asLong());
		expected.put(name, status);
	}

	private JsonNode awaitDone(long batchId) {
		JsonNode[] batch = new JsonNode[1];
		Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
			batch[0] = this.live.get("/v1/leads/verify/" + batchId).data();
			return batch[0].get("status").asString().equals("completed");
		});
		return batch[0];
	}

}
