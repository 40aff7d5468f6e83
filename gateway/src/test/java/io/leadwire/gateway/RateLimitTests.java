package io.leadwire.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.leadwire.common.apikey.ApiKeyFormat;
import io.leadwire.common.context.Environment;
import io.leadwire.testing.ServiceTestInitializer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits with the real plans across gateway replicas that share one real Redis; the
 * services behind them are HTTP stubs. Gateway 1 trusts 127.0.0.1 as a proxy (so
 * X-Forwarded-For names the client), gateway 2 trusts nobody, gateway 3 has no reachable
 * Redis.
 */
class RateLimitTests {

	static final WireMockServer services = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	static final JsonMapper JSON = JsonMapper.builder().build();

	static ConfigurableApplicationContext first;

	static ConfigurableApplicationContext second;

	static ConfigurableApplicationContext redisless;

	@BeforeAll
	static void start() {
		services.start();
		services.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/internal/id-rules")
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(GatewayTestBase.ID_RULES)));
		services.stubFor(any(urlPathEqualTo("/v1/leads"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"data\":[]}")));
		services.stubFor(post("/internal/keys/verify").atPriority(10)
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"data\":{\"status\":\"UNKNOWN\"}}")));
		// A generous Redis timeout: 200 requests at once on two cold JVMs sharing 2 cores
		// may wait longer than the default 100 ms for their turn, and would then be
		// decided per replica (the fallback, tested on its own with the third gateway).
		first = gateway("--leadwire.gateway.rate-limits.trusted-proxies=127.0.0.1",
				"--leadwire.gateway.rate-limits.redis-timeout=3s");
		second = gateway("--leadwire.gateway.rate-limits.ip.per-minute=20",
				"--leadwire.gateway.rate-limits.ip.burst=20", "--leadwire.gateway.rate-limits.redis-timeout=3s");
		redisless = gateway("--spring.data.redis.url=redis://127.0.0.1:1");
	}

	@AfterAll
	static void stop() {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { first, second,
				redisless }) {
			if (context != null) {
				context.close();
			}
		}
		services.stop();
	}

	static ConfigurableApplicationContext gateway(String... extra) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
				"--APIKEY_SERVICE_URL=http://127.0.0.1:" + services.port(),
				"--LEADS_SERVICE_URL=http://127.0.0.1:" + services.port()));
		args.addAll(List.of(extra));
		return new SpringApplicationBuilder(GatewayApplication.class).initializers(new ServiceTestInitializer())
			.run(args.toArray(String[]::new));
	}

	static String freeKey(long keyId, long tenantId) {
		String key = ApiKeyFormat.generate(Environment.LIVE);
		services.stubFor(post("/internal/keys/verify").atPriority(1)
			.withRequestBody(matchingJsonPath("$.hash", equalTo(ApiKeyFormat.sha256Hex(key))))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"data\":{\"status\":\"ACTIVE\",\"keyId\":" + keyId + ",\"tenantId\":" + tenantId
						+ ",\"ownerUserId\":1000003,\"environment\":\"live\",\"plan\":\"free\"}}")));
		return key;
	}

	static CompletableFuture<HttpResponse<String>> send(ConfigurableApplicationContext gateway, String key,
			String forwardedFor) {
		return send(gateway, "/v1/leads", key, forwardedFor);
	}

	static CompletableFuture<HttpResponse<String>> send(ConfigurableApplicationContext gateway, String path, String key,
			String forwardedFor) {
		int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30));
		if (key != null) {
			request.header("X-API-Key", key);
		}
		if (forwardedFor != null) {
			request.header("X-Forwarded-For", forwardedFor);
		}
		return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void twoHundredConcurrentClientsOnTwoReplicasNeverGetMoreThanTheFreePlan() {
		String key = freeKey(1000101, 1000201);
		List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
		for (int client = 0; client < 200; client++) {
			responses.add(send((client % 2 == 0) ? first : second, key, "198.51.100." + client));
		}
		List<HttpResponse<String>> all = responses.stream().map(CompletableFuture::join).toList();
		long admitted = all.stream().filter((response) -> response.statusCode() == 200).count();
		long limited = all.stream().filter((response) -> response.statusCode() == 429).count();

		// Free plan: 10 per minute with a burst of 10; the run lasts seconds, so at most
		// one refill.
		assertThat(admitted).isBetween(10L, 11L);
		assertThat(admitted + limited).isEqualTo(200);
		for (HttpResponse<String> response : all) {
			assertThat(response.headers().firstValue("X-RateLimit-Limit")).isPresent();
			assertThat(response.headers().firstValue("X-RateLimit-Remaining")).isPresent();
			assertThat(response.headers().firstValue("X-RateLimit-Reset")).isPresent();
		}
		HttpResponse<String> refused = all.stream()
			.filter((response) -> response.statusCode() == 429)
			.findFirst()
			.get();
		assertThat(refused.body()).contains("\"code\":\"rate_limited\"");
		assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").get())).isBetween(1L, 6L);
		assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
		for (ConfigurableApplicationContext gateway : List.of(first, second)) {
			assertThat(gateway.getBean(MeterRegistry.class).counter("leadwire.ratelimit.fallback").count())
				.as("decisions taken without Redis")
				.isZero();
		}
	}

	@Test
	void usageShowsThePlanAndWhatIsLeftOfEachWindow() {
		String key = freeKey(1000104, 1000204);
		for (int i = 0; i < 3; i++) {
			assertThat(send(first, key, "198.51.100.250").join().statusCode()).isEqualTo(200);
		}
		HttpResponse<String> response = send(first, "/v1/usage", key, "198.51.100.250").join();
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode usage = JSON.readTree(response.body()).get("data");
		assertThat(usage.get("plan").asString()).isEqualTo("free");
		assertThat(usage.get("environment").asString()).isEqualTo("live");
		// Free plan: 10 per minute, 500 per day; four requests so far, this one included.
		assertThat(usage.get("minute").get("limit").asInt()).isEqualTo(10);
		assertThat(usage.get("minute").get("remaining").asInt()).isEqualTo(6);
		assertThat(usage.get("day").get("limit").asInt()).isEqualTo(500);
		assertThat(usage.get("day").get("remaining").asInt()).isEqualTo(496);
		assertThat(usage.get("scopes").get("key").get("day").get("remaining").asInt()).isEqualTo(496);
		assertThat(usage.get("scopes").get("tenant").get("minute").get("remaining").asInt()).isEqualTo(6);
		assertThat(usage.get("scopes").get("clientAddress").get("minute").get("limit").asInt()).isEqualTo(1200);
		assertThat(java.time.Instant.parse(usage.get("day").get("resetAt").asString()).getEpochSecond() % 86_400)
			.isZero();
		assertThat(response.body()).doesNotContain("1000104").doesNotContain("1000204");
	}

	@Test
	void theMinuteBucketRefillsAtThePlanRate() {
		String key = freeKey(1000102, 1000202);
		int admitted = 0;
		for (int i = 0; i < 12; i++) {
			if (send(first, key, null).join().statusCode() == 200) {
				admitted++;
			}
		}
		assertThat(admitted).isEqualTo(10);
		// 10 per minute refills one request every 6 s.
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> send(first, key, null).join().statusCode() == 200);
	}

	@Test
	void aSpoofedForwardedForDoesNotResetTheAddressLimit() {
		int refused = 0;
		for (int i = 0; i < 40; i++) {
			HttpResponse<String> response = send(second, null, "203.0.113." + i).join();
			assertThat(response.statusCode()).isIn(401, 429);
			if (response.statusCode() == 429) {
				refused++;
			}
		}
		// Gateway 2 does not trust 127.0.0.1 as a proxy: all 40 come from one address
		// limited to 20.
		assertThat(refused).isGreaterThanOrEqualTo(20);
	}

	@Test
	void withoutRedisEachReplicaLimitsOnItsOwnAndNothingFails() {
		String key = freeKey(1000103, 1000203);
		List<Integer> statuses = new ArrayList<>();
		long start = System.nanoTime();
		for (int i = 0; i < 15; i++) {
			statuses.add(send(redisless, key, null).join().statusCode());
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		assertThat(statuses.stream().filter((status) -> status == 200).count()).isEqualTo(10);
		assertThat(statuses.stream().filter((status) -> status == 429).count()).isEqualTo(5);
	}

}
