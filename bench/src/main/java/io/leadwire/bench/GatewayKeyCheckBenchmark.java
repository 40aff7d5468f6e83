package io.leadwire.bench;

import java.util.Random;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import io.leadwire.common.apikey.ApiKeyFormat;
import io.leadwire.common.context.Environment;
import io.leadwire.gateway.GatewayApplication;
import io.leadwire.gateway.auth.ApiKeyAuthenticationFilter;
import io.leadwire.gateway.auth.KeyVerifier;
import io.leadwire.gateway.web.RequestIdWebFilter;
import io.leadwire.testing.SharedInfrastructure;
import io.leadwire.testing.TestSecrets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * The gateway's key check, in its own filter bean inside a running gateway context with a
 * real Redis and Kafka: latency of the warm-cache filter (which includes the rate-limit
 * call to Redis), of the key check alone, and how many apikey-service lookups 10,000
 * garbage keys cause. apikey-service is an HTTP stub here (counted); nothing else is.
 */
public final class GatewayKeyCheckBenchmark {

	private static final Logger log = LoggerFactory.getLogger(GatewayKeyCheckBenchmark.class);

	private static final int WARMUP = 100_000;

	private static final int MEASURED = 200_000;

	private GatewayKeyCheckBenchmark() {
	}

	public static void main(String[] args) {
		SharedInfrastructure infrastructure = SharedInfrastructure.get();
		WireMockServer apikey = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		apikey.start();
		String hot = ApiKeyFormat.generate(Environment.LIVE);
		apikey.stubFor(post("/internal/keys/verify")
			.withRequestBody(matchingJsonPath("$.hash",
					com.github.tomakehurst.wiremock.client.WireMock.equalTo(ApiKeyFormat.sha256Hex(hot))))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"data\":{\"status\":\"ACTIVE\",\"keyId\":1000001,\"tenantId\":1000002,"
						+ "\"ownerUserId\":1000003,\"environment\":\"live\",\"plan\":\"professional\"}}")));
		apikey.stubFor(post("/internal/keys/verify").atPriority(10)
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"data\":{\"status\":\"UNKNOWN\"}}")));
		try (ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
				"--server.port=0", "--management.server.port=0", "--spring.main.banner-mode=off",
				"--APIKEY_SERVICE_URL=http://127.0.0.1:" + apikey.port(),
				"--leadwire.context.secret=" + TestSecrets.CONTEXT_SECRET, "--leadwire.ids.salt=" + TestSecrets.ID_SALT,
				"--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
				"--spring.data.redis.url=" + infrastructure.redisUrl(),
				"--leadwire.gateway.rate-limits.plans.professional.per-minute=1000000000",
				"--leadwire.gateway.rate-limits.plans.professional.burst=1000000000",
				"--leadwire.gateway.rate-limits.plans.professional.per-day=1000000000",
				"--leadwire.gateway.rate-limits.ip.per-minute=1000000000",
				"--leadwire.gateway.rate-limits.ip.burst=1000000000",
				"--leadwire.gateway.rate-limits.ip.per-day=1000000000", "--leadwire.gateway.usage-flush-interval=1h",
				"--logging.level.root=WARN")) {
			ApiKeyAuthenticationFilter filter = gateway.getBean(ApiKeyAuthenticationFilter.class);
			WebFilterChain passThrough = (exchange) -> Mono.empty();

			for (int i = 0; i < WARMUP; i++) {
				filter.filter(exchange(hot), passThrough).block();
			}
			Percentiles warm = new Percentiles(MEASURED);
			for (int i = 0; i < MEASURED; i++) {
				MockServerWebExchange exchange = exchange(hot);
				long start = System.nanoTime();
				filter.filter(exchange, passThrough).block();
				warm.add(System.nanoTime() - start);
			}
			log.info("warm-cache authentication filter, hot key, with its Redis rate-limit call: {}", warm.micros());

			KeyVerifier verifier = gateway.getBean(KeyVerifier.class);
			Percentiles check = new Percentiles(MEASURED);
			for (int i = 0; i < WARMUP + MEASURED; i++) {
				long start = System.nanoTime();
				ApiKeyFormat.parse(hot);
				verifier.verify(ApiKeyFormat.sha256Hex(hot), "bench").block();
				if (i >= WARMUP) {
					check.add(System.nanoTime() - start);
				}
			}
			log.info("warm-cache key check alone (format, checksum, SHA-256, cache): {}", check.micros());
			log.info("apikey-service lookups for the hot key: {}", lookups(apikey));

			int before = lookups(apikey);
			Random random = new Random(7);
			int refused = 0;
			for (int i = 0; i < 10_000; i++) {
				MockServerWebExchange exchange = exchange(garbage(random, i));
				filter.filter(exchange, passThrough).block();
				if (exchange.getResponse().getStatusCode() != null
						&& exchange.getResponse().getStatusCode().value() == 401) {
					refused++;
				}
			}
			log.info("10,000 garbage keys: {} refused with 401, {} apikey-service lookups", refused,
					lookups(apikey) - before);
		}
		finally {
			apikey.stop();
		}
	}

	private static MockServerWebExchange exchange(String key) {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/v1/leads").header("X-API-Key", key));
		exchange.getAttributes().put(RequestIdWebFilter.ATTRIBUTE, "bench");
		return exchange;
	}

	/** Mistyped real-looking keys (bad checksum), wrong prefixes, wrong lengths, junk. */
	private static String garbage(Random random, int i) {
		String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
		StringBuilder body = new StringBuilder();
		for (int c = 0; c < 32; c++) {
			body.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return switch (i % 4) {
			case 0 -> "lw_live_sk_" + body;
			case 1 -> "lw_test_sk_" + body;
			case 2 -> "lw_prod_sk_" + body;
			default -> body.substring(0, 1 + random.nextInt(31));
		};
	}

	private static int lookups(WireMockServer apikey) {
		return apikey.findAll(postRequestedFor(urlEqualTo("/internal/keys/verify"))).size();
	}

}
