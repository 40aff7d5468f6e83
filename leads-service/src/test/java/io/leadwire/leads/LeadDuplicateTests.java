package io.leadwire.leads;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.test.context.TestPropertySource;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.testing.EventCapture;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;
import io.leadwire.testing.SharedInfrastructure;
import io.leadwire.testing.TestSecrets;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lead events leave through the outbox, and duplicate links follow from them, with the
 * real broker and the MongoDB wire server.
 */
@ServiceTest
@TestPropertySource(properties = "leadwire.leads.purge-interval=300ms")
class LeadDuplicateTests {

	@Autowired
	MongoOperations mongo;

	static final Duration WAIT = Duration.ofSeconds(20);

	@LocalServerPort
	int port;

	long tenant;

	HttpJson live;

	@BeforeEach
	void setUp() {
		this.tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		this.live = as(this.tenant, Environment.LIVE);
	}

	HttpJson as(long tenantId, Environment environment) {
		return new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenantId, environment));
	}

	@Test
	void everyChangeIsPublishedAsAnEventWithTheLeadsContact() {
		long id = this.live.post("/v1/leads", Map.of("email", "evt@acme.example")).data().get("id").asLong();
		this.live.patch("/v1/leads/" + id, Map.of("email", "evt2@acme.example"));
		this.live.delete("/v1/leads/" + id);

		List<JsonNode> events = EventCapture.await("leads.events",
				(event) -> event.path("payload").path("leadId").asLong() == id
						&& event.path("type").asString().equals("LeadDeleted"),
				WAIT);
		JsonNode deleted = events.get(0);
		assertThat(deleted.get("tenantId").asLong()).isEqualTo(this.tenant);
		assertThat(deleted.get("environment").asString()).isEqualTo("live");
		assertThat(deleted.get("payload").get("email").asString()).isEqualTo("evt2@acme.example");
		assertThat(EventCapture
			.await("leads.events",
					(event) -> event.path("payload").path("leadId").asLong() == id
							&& event.path("type").asString().equals("LeadUpdated"),
					WAIT)
			.get(0)
			.get("payload")
			.get("previousEmail")
			.asString()).isEqualTo("evt@acme.example");
		assertThat(this.live.get("/v1/leads/" + id).status()).isEqualTo(404);
	}

	@Test
	void aDeletedLeadStaysUntilItsEventIsOutThenGoes() {
		long id = create(Map.of("email", "gone@acme.example"));
		this.live.delete("/v1/leads/" + id);
		assertThat(this.live.get("/v1/leads/" + id).status()).isEqualTo(404);
		EventCapture.await("leads.events", (event) -> event.path("payload").path("leadId").asLong() == id
				&& event.path("type").asString().equals("LeadDeleted"), WAIT);
		Awaitility.await()
			.atMost(WAIT)
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(this.mongo.findById(id, org.bson.Document.class, "leads")).isNull());
	}

	@Test
	void aLeadWithTheSamePhoneOrEmailIsLinkedToTheOldest() {
		long first = create(Map.of("email", "ada@acme.example"));
		long second = create(Map.of("email", "ADA@acme.example", "phone", "+16502530001"));
		long third = create(Map.of("phone", "+1 650 253 0001"));
		long other = create(Map.of("email", "grace@acme.example"));

		awaitDuplicateOf(second, first);
		awaitDuplicateOf(third, second);
		assertThat(this.live.get("/v1/leads/" + first).data().get("duplicateOf").isNull()).isTrue();
		assertThat(this.live.get("/v1/leads/" + other).data().get("duplicateOf").isNull()).isTrue();

		List<Long> ofSecond = ids(this.live.get("/v1/leads/" + second + "/duplicates").data());
		assertThat(ofSecond).containsExactly(first, third);
		assertThat(ids(this.live.get("/v1/leads/" + other + "/duplicates").data())).isEmpty();

		// Another tenant and the test environment never link to this tenant's leads.
		long foreign = this.as(this.tenant + 1, Environment.LIVE)
			.post("/v1/leads", Map.of("email", "ada@acme.example"))
			.data()
			.get("id")
			.asLong();
		long sandbox = this.as(this.tenant, Environment.TEST)
			.post("/v1/leads", Map.of("email", "ada@acme.example"))
			.data()
			.get("id")
			.asLong();
		awaitEventsHandled(foreign);
		awaitEventsHandled(sandbox);
		assertThat(this.as(this.tenant + 1, Environment.LIVE)
			.get("/v1/leads/" + foreign)
			.data()
			.get("duplicateOf")
			.isNull()).isTrue();
		assertThat(
				this.as(this.tenant, Environment.TEST).get("/v1/leads/" + sandbox).data().get("duplicateOf").isNull())
			.isTrue();
	}

	@Test
	void linksFollowUpdatesAndDeletes() {
		long first = create(Map.of("email", "lin@acme.example"));
		long second = create(Map.of("email", "lin@acme.example"));
		long third = create(Map.of("email", "lin@acme.example"));
		awaitDuplicateOf(third, first);

		this.live.patch("/v1/leads/" + second, Map.of("email", "elsewhere@acme.example"));
		awaitDuplicateOf(second, null);

		this.live.delete("/v1/leads/" + first);
		awaitDuplicateOf(third, null);
		this.live.patch("/v1/leads/" + second, Map.of("email", "lin@acme.example"));
		awaitDuplicateOf(third, second);
	}

	@Test
	void replayingAnEventChangesNothing() {
		long first = create(Map.of("phone", "+16502530777"));
		long second = create(Map.of("phone", "+16502530777"));
		awaitDuplicateOf(second, first);
		JsonNode created = EventCapture
			.await("leads.events",
					(event) -> event.path("payload").path("leadId").asLong() == first
							&& event.path("type").asString().equals("LeadCreated"),
					WAIT)
			.get(0);
		JsonNode before = this.live.get("/v1/leads/" + second).data();
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().kafkaBootstrapServers(),
						ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
						ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
			for (int i = 0; i < 3; i++) {
				producer.send(new ProducerRecord<>("leads.events", Long.toString(first), created.toString()));
			}
			producer.flush();
		}
		long marker = create(Map.of("email", "marker-" + first + "@acme.example"));
		awaitEventsHandled(marker);
		assertThat(this.live.get("/v1/leads/" + second).data()).isEqualTo(before);
		assertThat(this.live.get("/v1/leads/" + first).data().get("duplicateOf").isNull()).isTrue();
	}

	@Test
	void theTopicsOtherEventsArePassedOverWithoutHoldingTheLinkerUp() {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().kafkaBootstrapServers(),
						ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
						ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
			// As leads-service writes them for tenants' webhooks: an import's end (its
			// "status" is the job's, not a lead's) and a website check.
			for (int partitionKey = 0; partitionKey < 6; partitionKey++) {
				producer.send(new ProducerRecord<>("leads.events", Integer.toString(partitionKey),
						"{\"eventId\":\"ic-" + java.util.UUID.randomUUID()
								+ "\",\"type\":\"ImportCompleted\",\"tenantId\":" + this.tenant
								+ ",\"environment\":\"LIVE\",\"payload\":{\"importId\":1000001,"
								+ "\"resource\":\"leads\",\"status\":\"completed\",\"totalRows\":1}}"));
				producer.send(new ProducerRecord<>("leads.events", Integer.toString(partitionKey),
						"{\"eventId\":\"lv-" + java.util.UUID.randomUUID()
								+ "\",\"type\":\"LeadVerified\",\"tenantId\":" + this.tenant
								+ ",\"environment\":\"LIVE\",\"payload\":{\"leadId\":1000001,"
								+ "\"batchId\":1000002,\"websiteStatus\":\"WORKING\"}}"));
			}
			producer.flush();
		}
		long first = create(Map.of("phone", "+16502530888"));
		long second = create(Map.of("phone", "+16502530888"));
		awaitDuplicateOf(second, first);
		awaitEventsHandled(second);
	}

	private long create(Map<String, Object> body) {
		HttpJson.Response response = this.live.post("/v1/leads", body);
		assertThat(response.status()).isEqualTo(201);
		return response.data().get("id").asLong();
	}

	private void awaitDuplicateOf(long id, Long expected) {
		Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			JsonNode link = this.live.get("/v1/leads/" + id).data().get("duplicateOf");
			if (expected == null) {
				assertThat(link == null || link.isNull()).as("duplicateOf of %d", id).isTrue();
			}
			else {
				assertThat(link.asLong()).as("duplicateOf of %d", id).isEqualTo(expected);
			}
		});
	}

	/**
	 * Waits until the lead's event is on the topic and the duplicate linker has committed
	 * every record of the topic: an absence of change is observed only once it is certain
	 * the events were handled.
	 */
	private void awaitEventsHandled(long id) {
		EventCapture.await("leads.events", (event) -> event.path("payload").path("leadId").asLong() == id, WAIT);
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedInfrastructure.get().kafkaBootstrapServers()))) {
			Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
				Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("leads-duplicates")
					.partitionsToOffsetAndMetadata()
					.get();
				Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
				committed.keySet()
					.stream()
					.filter((partition) -> partition.topic().equals("leads.events"))
					.forEach((partition) -> latest.put(partition, OffsetSpec.latest()));
				if (latest.isEmpty()) {
					return false;
				}
				return admin.listOffsets(latest)
					.all()
					.get()
					.entrySet()
					.stream()
					.allMatch((end) -> committed.get(end.getKey()).offset() >= end.getValue().offset());
			});
		}
	}

	private static List<Long> ids(JsonNode leads) {
		return java.util.stream.StreamSupport.stream(leads.spliterator(), false)
			.map((lead) -> lead.get("id").asLong())
			.toList();
	}

}
