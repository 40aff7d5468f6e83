package io.leadwire.testing.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClients;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import io.leadwire.common.inbox.Inbox;
import io.leadwire.common.outbox.OutboxBacklog;
import io.leadwire.common.outbox.OutboxEvent;
import io.leadwire.common.outbox.OutboxMetrics;
import io.leadwire.common.outbox.OutboxRelay;
import io.leadwire.testing.SharedInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox relay against the real broker and the MongoDB wire server: batches in order
 * per aggregate, a poison event parked while the rest flows, an unreachable broker that
 * delays without losing or parking anything, two relays at once, and the inbox that makes
 * their duplicates harmless to a consumer that counts.
 */
class OutboxRelayTests {

	static MongoTemplate mongo;

	static KafkaTemplate<String, String> kafka;

	@BeforeAll
	static void connect() {
		SharedInfrastructure infrastructure = SharedInfrastructure.get();
		mongo = new MongoTemplate(MongoClients.create(infrastructure.mongoUri()), "outbox-tests");
		kafka = template(infrastructure.kafkaBootstrapServers(), Map.of());
	}

	@AfterAll
	static void close() {
		kafka.destroy();
	}

	static KafkaTemplate<String, String> template(String bootstrap, Map<String, Object> extra) {
		Map<String, Object> config = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class, ProducerConfig.ACKS_CONFIG, "all",
				ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 5));
		config.putAll(extra);
		DefaultKafkaProducerFactory<String, String> factory = new DefaultKafkaProducerFactory<>(config);
		factory.setPhysicalCloseTimeout(1);
		return new KafkaTemplate<>(factory);
	}

	static String collection() {
		return "aggregates_" + UUID.randomUUID().toString().replace("-", "");
	}

	static String topic() {
		return "outbox-test-" + UUID.randomUUID();
	}

	/**
	 * Documents {@code 0..documents-1}, each with {@code perDocument} events in order.
	 */
	static Set<String> pending(String collection, String topic, int documents, int perDocument) {
		Set<String> ids = new HashSet<>();
		List<Document> batch = new ArrayList<>();
		for (int d = 0; d < documents; d++) {
			List<Document> events = new ArrayList<>();
			for (int e = 0; e < perDocument; e++) {
				events.add(event(topic, "agg-" + d, d + ":" + e));
				ids.add(events.get(e).getString("eventId"));
			}
			batch.add(new Document("_id", "agg-" + d).append(OutboxEvent.FIELD, events));
		}
		mongo.getCollection(collection).insertMany(batch);
		return ids;
	}

	static Document event(String topic, String key, String payload) {
		String id = UUID.randomUUID().toString();
		return new Document("eventId", id).append("topic", topic)
			.append("key", key)
			.append("value", "{\"eventId\":\"" + id + "\",\"type\":\"ThingHappened\",\"payload\":\"" + payload + "\"}")
			.append("createdAt", java.util.Date.from(Instant.now().minusSeconds(30)));
	}

	static List<ConsumerRecord<String, String>> consume(String topic, int atLeast) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedInfrastructure.get().kafkaBootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG,
				"outbox-test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			int quiet = 0;
			while (System.nanoTime() < deadline && (records.size() < atLeast || quiet < 3)) {
				int before = records.size();
				consumer.poll(Duration.ofMillis(300)).forEach(records::add);
				quiet = (records.size() == before) ? quiet + 1 : 0;
			}
		}
		return records;
	}

	static String eventId(ConsumerRecord<String, String> record) {
		String value = record.value();
		int at = value.indexOf("\"eventId\":\"") + 11;
		return value.substring(at, value.indexOf('"', at));
	}

	static long stillPending(String collection) {
		return OutboxBacklog.of(mongo, collection).pending();
	}

	@Test
	void batchesArePublishedInOrderPerAggregateAndRemovedOnceAcknowledged() {
		String collection = collection();
		String topic = topic();
		Set<String> ids = pending(collection, topic, 700, 3);
		assertThat(stillPending(collection)).isEqualTo(2100);
		assertThat(OutboxBacklog.of(mongo, collection).oldestAge()).isGreaterThanOrEqualTo(Duration.ofSeconds(29));

		OutboxRelay relay = new OutboxRelay(mongo, kafka, List.of(collection), Duration.ofSeconds(10));
		int published = 0;
		for (int pass = 0; pass < 10 && stillPending(collection) > 0; pass++) {
			published += relay.relayPending();
		}
		assertThat(published).isEqualTo(2100);
		assertThat(stillPending(collection)).isZero();

		List<ConsumerRecord<String, String>> records = consume(topic, 2100);
		assertThat(records).extracting(OutboxRelayTests::eventId).containsExactlyInAnyOrderElementsOf(ids);
		Map<String, List<String>> byAggregate = new HashMap<>();
		records.forEach((record) -> byAggregate.computeIfAbsent(record.key(), (k) -> new ArrayList<>())
			.add(record.value().replaceAll(".*\"payload\":\"[0-9]+:([0-9]+)\".*", "$1")));
		byAggregate.values().forEach((order) -> assertThat(order).containsExactly("0", "1", "2"));
	}

	@Test
	void aPoisonEventIsParkedAfterItsAttemptsAndTheEventsBehindItFlow() {
		String collection = collection();
		String topic = topic();
		Document first = event(topic, "poisoned", "first");
		Document poison = event(topic, "poisoned", "x".repeat(2 * 1024 * 1024));
		Document behind = event(topic, "poisoned", "behind");
		Document other = event(topic, "healthy", "other");
		mongo.getCollection(collection)
			.insertMany(
					List.of(new Document("_id", "poisoned").append(OutboxEvent.FIELD, List.of(first, poison, behind)),
							new Document("_id", "healthy").append(OutboxEvent.FIELD, List.of(other))));
		AtomicInteger parked = new AtomicInteger();
		OutboxRelay relay = new OutboxRelay(mongo, kafka, List.of(collection), Duration.ofSeconds(10),
				new OutboxMetrics() {
					@Override
					public void parked(String name) {
						parked.incrementAndGet();
					}
				});

		relay.relayPending();
		assertThat(stillPending(collection)).as("the poison and the event behind it wait").isEqualTo(2);
		for (int pass = 0; pass < 5 && stillPending(collection) > 0; pass++) {
			relay.relayPending();
		}

		assertThat(stillPending(collection)).isZero();
		assertThat(parked.get()).isEqualTo(1);
		Document kept = mongo.getCollection(OutboxRelay.PARKED)
			.find(new Document("_id", poison.getString("eventId")))
			.first();
		assertThat(kept).isNotNull();
		assertThat(kept.getString("collection")).isEqualTo(collection);
		assertThat(kept.getInteger("attempts")).isEqualTo(3);
		assertThat(kept.getString("error")).contains("RecordTooLarge");
		List<String> delivered = consume(topic, 3).stream().map(OutboxRelayTests::eventId).toList();
		assertThat(delivered)
			.contains(first.getString("eventId"), behind.getString("eventId"), other.getString("eventId"))
			.doesNotContain(poison.getString("eventId"));
		assertThat(delivered.indexOf(first.getString("eventId")))
			.isLessThan(delivered.indexOf(behind.getString("eventId")));
	}

	@Test
	void anUnreachableBrokerDelaysEventsButNeitherLosesNorParksThem() {
		String collection = collection();
		String topic = topic();
		Set<String> ids = pending(collection, topic, 50, 2);
		KafkaTemplate<String, String> down = template("127.0.0.1:" + freePort(),
				Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600,
						ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 300));
		try {
			OutboxRelay cutOff = new OutboxRelay(mongo, down, List.of(collection), Duration.ofSeconds(2));
			for (int pass = 0; pass < 4; pass++) {
				assertThat(cutOff.relayPending()).isZero();
			}
		}
		finally {
			down.destroy();
		}
		assertThat(stillPending(collection)).isEqualTo(100);
		assertThat(mongo.getCollection(collection)
			.find(new Document(OutboxEvent.FIELD + ".attempts", new Document("$exists", true)))
			.first()).as("no attempt counted for an outage").isNull();

		OutboxRelay relay = new OutboxRelay(mongo, kafka, List.of(collection), Duration.ofSeconds(10));
		relay.relayPending();
		assertThat(stillPending(collection)).isZero();
		assertThat(consume(topic, 100)).extracting(OutboxRelayTests::eventId).containsExactlyInAnyOrderElementsOf(ids);
	}

	@Test
	void twoRelaysAtOnceDeliverEveryEventAndAnInboxCountsEachExactlyOnce() {
		String collection = collection();
		String topic = topic();
		Set<String> ids = pending(collection, topic, 600, 2);
		KafkaTemplate<String, String> second = template(SharedInfrastructure.get().kafkaBootstrapServers(), Map.of());
		try {
			OutboxRelay a = new OutboxRelay(mongo, kafka, List.of(collection), Duration.ofSeconds(10));
			OutboxRelay b = new OutboxRelay(mongo, second, List.of(collection), Duration.ofSeconds(10));
			CompletableFuture<Void> one = CompletableFuture.runAsync(() -> drain(a, collection));
			CompletableFuture<Void> two = CompletableFuture.runAsync(() -> drain(b, collection));
			CompletableFuture.allOf(one, two).join();
		}
		finally {
			second.destroy();
		}
		assertThat(stillPending(collection)).isZero();
		List<ConsumerRecord<String, String>> records = consume(topic, 1200);
		assertThat(records.stream().map(OutboxRelayTests::eventId).distinct().toList())
			.containsExactlyInAnyOrderElementsOf(ids);

		// Every record once more, all shuffled: a consumer counting through the inbox
		// still counts each event once.
		List<ConsumerRecord<String, String>> deliveries = new ArrayList<>(records);
		deliveries.addAll(records);
		Collections.shuffle(deliveries, new Random(42));
		Inbox inbox = new Inbox(mongo);
		String counters = collection + "_counts";
		for (ConsumerRecord<String, String> delivery : deliveries) {
			inbox.apply(counters, delivery.key(), eventId(delivery), new Update().inc("events", 1));
			inbox.apply(counters, "total", eventId(delivery), new Update().inc("events", 1));
		}
		Document total = mongo.getCollection(counters).find(new Document("_id", "total")).first();
		assertThat(total.getInteger("events")).isEqualTo(1200);
		for (Document perAggregate : mongo.getCollection(counters)
			.find(new Document("_id", new Document("$ne", "total")))) {
			assertThat(perAggregate.getInteger("events")).as(perAggregate.getString("_id")).isEqualTo(2);
		}
		assertThat(total.getList(Inbox.FIELD, String.class)).hasSize(Math.min(1200, Inbox.WINDOW));
	}

	private static void drain(OutboxRelay relay, String collection) {
		for (int pass = 0; pass < 50 && stillPending(collection) > 0; pass++) {
			relay.relayPending();
		}
	}

	private static int freePort() {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
