package io.leadwire.gateway;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.leadwire.testing.SharedInfrastructure;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plans are apikey-service's data: a change to a plan, or a tenant's own limits, applies
 * to the next requests within a second of its announcement.
 */
class PlanTableTests extends GatewayTestBase {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PlanTableTests.class);

	private final String lead = "/v1/leads/" + IDS.encode(1000040);

	private static void table(String plans, String overrides) {
		services.stubFor(get("/internal/plans").atPriority(1)
			.willReturn(okJson(
					"{\"success\":true,\"data\":{\"plans\":[" + plans + "],\"overrides\":[" + overrides + "]}}")));
	}

	private static void announce(String type) {
		String event = "{\"eventId\":\"e-" + System.nanoTime() + "\",\"type\":\"" + type
				+ "\",\"payload\":{\"plan\":\"free\",\"tenantId\":1000020}}";
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().kafkaBootstrapServers(),
						ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
						ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
			producer.send(new ProducerRecord<>("apikeys.events", "plan:free", event)).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A key of a tenant of its own, on the Team plan, so no other test shares its
	 * buckets.
	 */
	static final String TEAM_KEY = io.leadwire.common.apikey.ApiKeyFormat
		.generate(io.leadwire.common.context.Environment.LIVE);

	@org.junit.jupiter.api.BeforeEach
	void teamKey() {
		services.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/internal/keys/verify")
			.atPriority(1)
			.withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.hash",
					com.github.tomakehurst.wiremock.client.WireMock
						.equalTo(io.leadwire.common.apikey.ApiKeyFormat.sha256Hex(TEAM_KEY))))
			.willReturn(okJson("{\"success\":true,\"data\":{\"status\":\"ACTIVE\",\"keyId\":1000078,"
					+ "\"tenantId\":1000077,\"ownerUserId\":1000030,\"environment\":\"LIVE\",\"plan\":\"team\"}}")));
	}

	private String limit() {
		return client().header("X-API-Key", TEAM_KEY).get(this.lead).header("X-RateLimit-Limit");
	}

	@Test
	void aPlanChangeAndATenantsOwnLimitsApplyWithinASecondOfTheirAnnouncement() {
		assertThat(limit()).as("team is not a configured plan: the default's limits hold").isNotEqualTo("100");

		// The consumer reads only new records: announce until it has its partitions.
		table("{\"name\":\"team\",\"limits\":{\"perMinute\":100,\"burst\":100,\"perDay\":100000}}", "");
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
			announce("PlanChanged");
			return "100".equals(limit());
		});

		table("{\"name\":\"team\",\"limits\":{\"perMinute\":100,\"burst\":100,\"perDay\":100000}}",
				"{\"tenantId\":1000077,\"limits\":{\"perMinute\":40,\"burst\":40,\"perDay\":100000}}");
		long announced = System.nanoTime();
		announce("TenantLimitsChanged");
		Awaitility.await()
			.atMost(Duration.ofSeconds(1))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> "40".equals(limit()));
		Duration applied = Duration.ofNanos(System.nanoTime() - announced);
		log.info("tenant limits applied {} ms after the announcement", applied.toMillis());
		assertThat(applied).isLessThan(Duration.ofSeconds(1));
	}

	@AfterEach
	void configuredPlansAgain() {
		table("", "");
		Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
			announce("PlanChanged");
			return !"40".equals(limit()) && !"100".equals(limit());
		});
	}

}
