package io.leadwire.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.leadwire.testing.HttpJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics the dashboards chart (deploy/grafana/dashboards) are the ones the running
 * services export, after a tenant's traffic, a failed provider call and a campaign; the
 * gateway tags its requests with the route and counts them per tenant (public id).
 */
class ObservabilityE2ETests {

	private static final Pattern METRIC = Pattern
		.compile("\\b((?:leadwire|http_server|kafka_consumer|jvm)_[a-z0-9_]+)\\b");

	static RunningPlatform platform;

	@BeforeAll
	static void start() throws Exception {
		platform = RunningPlatform.get();
	}

	@Test
	void everyMetricADashboardChartsIsExportedAndTheGatewayTagsRouteAndTenant() throws IOException {
		JsonNode tenant = platform.createTenant("Observed");
		HttpJson client = platform.withKey(tenant.get("testKey").asString());
		assertThat(client.get("/v1/contacts?limit=1").status()).isEqualTo(200);
		// A key of its own limited to 10 a minute (burst 10): the 11th request in a row
		// is refused.
		String limitedKey = platform.withKey(tenant.get("liveKey").asString())
			.post("/v1/api-keys", Map.of("name", "Limited", "environment", "test", "rateLimitPerMinute", 10))
			.data()
			.get("key")
			.asString();
		HttpJson limited = platform.withKey(limitedKey);
		assertThat(java.util.stream.IntStream.range(0, 12).map((i) -> limited.get("/v1/contacts?limit=1").status()))
			.contains(429);
		String session = client.post("/v1/sessions", Map.of("name", "Observed", "ratePerMinute", 6000))
			.data()
			.get("id")
			.asString();
		// A number ending in 5656: the sandbox times out once (a provider error, code
		// timeout).
		assertThat(client
			.post("/v1/waha/send", Map.of("session_id", session, "to", "254712345656", "type", "text", "message",
					"Hello from LeadFlux API!"))
			.status()).isEqualTo(202);
		String campaign = client
			.post("/v1/campaigns",
					Map.of("name", "Observed", "gateway_session_id", session, "recipient_source", "manual",
							"custom_recipients", List.of("254712345678", "254787654321"), "message_content",
							Map.of("type", "text", "text", "Hello from LeadFlux API!"), "rate_per_minute", 600))
			.data()
			.get("id")
			.asString();
		assertThat(client.post("/v1/campaigns/" + campaign + "/launch", "").status()).isEqualTo(200);
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.until(() -> client.get("/v1/campaigns/" + campaign).data().get("status").asString().equals("completed"));

		String gateway = scrape(platform.platform().settings().port("gateway-management"));
		Set<String> exported = new TreeSet<>(names(gateway));
		for (String service : List.of("apikey-service", "leads-service", "contacts-service", "campaign-service",
				"messaging-service")) {
			exported.addAll(names(scrape(platform.platform().settings().port(service))));
		}
		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			exported.addAll(names(scrape(platform.platform().settings().port("messaging-service"))));
			assertThat(exported).contains("leadwire_messaging_provider_errors_total");
		});

		Set<String> charted = new TreeSet<>();
		try (Stream<Path> dashboards = Files.list(Path.of("../deploy/grafana/dashboards"))) {
			for (Path dashboard : dashboards.toList()) {
				JsonNode json = JsonMapper.builder().build().readTree(Files.readString(dashboard));
				json.get("panels").forEach((panel) -> panel.get("targets").forEach((target) -> {
					Matcher matcher = METRIC.matcher(target.get("expr").asString());
					while (matcher.find()) {
						charted.add(matcher.group(1));
					}
				}));
			}
		}
		assertThat(charted).hasSizeGreaterThan(10);
		assertThat(exported).containsAll(charted);

		assertThat(gateway).contains("route=\"contacts\"").contains("route=\"campaigns\"");
		assertThat(gateway).containsPattern(
				"leadwire_gateway_tenant_requests_total\\{[^}]*tenant=\"" + tenant.get("id").asString() + "\"");
		assertThat(scrape(platform.platform().settings().port("messaging-service")))
			.containsPattern("leadwire_messaging_provider_errors_total\\{[^}]*code=\"timeout\"");
	}

	private static String scrape(int port) {
		HttpJson.Response metrics = new HttpJson("http://127.0.0.1:" + port).get("/actuator/prometheus");
		assertThat(metrics.status()).isEqualTo(200);
		return metrics.body();
	}

	/** The metric names of a Prometheus text page (histograms by their series names). */
	private static Set<String> names(String page) {
		Set<String> names = new TreeSet<>();
		page.lines()
			.filter((line) -> !line.startsWith("#") && !line.isBlank())
			.forEach((line) -> names.add(line.split("[{ ]", 2)[0]));
		return names;
	}

}
