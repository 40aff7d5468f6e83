package io.leadwire.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.mongodb.client.MongoClients;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import io.leadwire.common.outbox.OutboxBacklog;
import io.leadwire.common.outbox.OutboxEvent;
import io.leadwire.common.outbox.OutboxRelay;
import io.leadwire.testing.SharedInfrastructure;

/**
 * The outbox relay's throughput (issue 14): {@code -Devents=} (default 100,000) events,
 * one per aggregate document as campaign dispatch writes them, relayed to Kafka, against
 * raw produce of the very same records with the same producer settings, in the same run
 * (the broker and the MongoDB wire server in this JVM, as in the service tests). Rounds
 * alternate raw and relay ({@code -Drounds=}, default 2); each prints events/s.
 */
public final class OutboxRelayBenchmark {

	private OutboxRelayBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int events = Integer.getInteger("events", 100_000);
		int rounds = Integer.getInteger("rounds", 2);
		SharedInfrastructure infrastructure = SharedInfrastructure.get();
		MongoTemplate mongo = new MongoTemplate(MongoClients.create(infrastructure.mongoUri()), "outbox-bench");
		KafkaTemplate<String, String> kafka = new KafkaTemplate<>(
				new DefaultKafkaProducerFactory<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
						infrastructure.kafkaBootstrapServers(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
						StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
						ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)));
		String topic = "campaign.dispatch.bench";
		List<Document> warm = documents(topic, 5_000);
		raw(kafka, warm);
		relay(mongo, kafka, warm, "warmup");
		List<Double> rawRates = new ArrayList<>();
		List<Double> relayRates = new ArrayList<>();
		List<Double> floorRates = new ArrayList<>();
		for (int round = 1; round <= rounds; round++) {
			List<Document> documents = documents(topic, events);
			double raw = raw(kafka, documents);
			double relayed = relay(mongo, kafka, documents, "round" + round);
			double floor = databaseFloor(mongo, documents, "floor" + round);
			rawRates.add(raw);
			relayRates.add(relayed);
			floorRates.add(floor);
			System.out.printf(
					"Round %d: raw produce %,.0f events/s; outbox relay %,.0f events/s; relay/raw %.2f; "
							+ "database floor (read + remove only, no Kafka) %,.0f events/s = %.2f of raw%n",
					round, raw, relayed, relayed / raw, floor, floor / raw);
		}
		System.out.printf(
				"%,d events per round. Relay: %s events/s; raw: %s events/s (goal: relay >= 5,000 and >= 0.5 of raw)%n",
				events, rates(relayRates), rates(rawRates));
		System.out.printf("Database floor (the least MongoDB work any relay of these events does): %s events/s%n",
				rates(floorRates));
		kafka.destroy();
		System.exit(0);
	}

	/** One pending event per document, like a frozen campaign recipient's dispatch. */
	static List<Document> documents(String topic, int count) {
		List<Document> documents = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			String eventId = UUID.randomUUID().toString();
			String session = "session-" + (i % 8);
			String value = "{\"eventId\":\"" + eventId + "\",\"type\":\"MessageDispatchRequested\",\"occurredAt\":\""
					+ "2026-11-29T07:00:00Z\",\"tenantId\":1000020,\"environment\":\"LIVE\",\"payload\":{\"campaignId\":"
					+ "1000100,\"recipientId\":" + (2_000_000 + i) + ",\"sessionId\":\"" + session + "\",\"to\":\"+2547"
					+ String.format("%08d", i) + "\",\"type\":\"text\",\"message\":\"Hello Customer " + i
					+ ", your order is ready\"}}";
			Document event = new Document("eventId", eventId).append("topic", topic)
				.append("key", session)
				.append("value", value)
				.append("createdAt", new Date());
			documents.add(new Document("_id", 2_000_000L + i).append(OutboxEvent.FIELD, List.of(event)));
		}
		return documents;
	}

	static double raw(KafkaTemplate<String, String> kafka, List<Document> documents) {
		long start = System.nanoTime();
		List<CompletableFuture<?>> acks = new ArrayList<>(documents.size());
		for (Document document : documents) {
			Document event = document.getList(OutboxEvent.FIELD, Document.class).get(0);
			acks.add(kafka.send(
					new ProducerRecord<>(event.getString("topic"), event.getString("key"), event.getString("value"))));
		}
		CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
		return documents.size() / ((System.nanoTime() - start) / 1e9);
	}

	static double relay(MongoTemplate mongo, KafkaTemplate<String, String> kafka, List<Document> documents,
			String name) {
		String collection = "recipients_" + name;
		for (int from = 0; from < documents.size(); from += 1000) {
			mongo.getCollection(collection)
				.insertMany(documents.subList(from, Math.min(documents.size(), from + 1000)));
		}
		OutboxRelay relay = new OutboxRelay(mongo, kafka, List.of(collection), Duration.ofSeconds(30));
		relay.createIndexes();
		long start = System.nanoTime();
		int published = 0;
		while (published < documents.size()) {
			int pass = relay.relayPending();
			if (pass == 0) {
				throw new IllegalStateException("relay stalled at " + published);
			}
			published += pass;
		}
		double rate = published / ((System.nanoTime() - start) / 1e9);
		if (OutboxBacklog.of(mongo, collection).pending() != 0) {
			throw new IllegalStateException("events left behind");
		}
		mongo.dropCollection(collection);
		return rate;
	}

	/**
	 * The least database work any outbox relay must do for these events, without Kafka:
	 * read every pending document once (by {@code _id} ranges of a batch, the cheapest
	 * read the wire server offers) and remove each batch in one {@code deleteMany} by
	 * {@code _id} range. A relay can be no faster than this on the same server.
	 */
	static double databaseFloor(MongoTemplate mongo, List<Document> documents, String name) {
		String collection = "recipients_" + name;
		var target = mongo.getCollection(collection);
		for (int from = 0; from < documents.size(); from += 1000) {
			target.insertMany(documents.subList(from, Math.min(documents.size(), from + 1000)));
		}
		long start = System.nanoTime();
		long read = 0;
		Object after = null;
		while (true) {
			Document filter = (after == null) ? new Document() : new Document("_id", new Document("$gt", after));
			List<Document> batch = target.find(filter)
				.sort(new Document("_id", 1))
				.limit(5000)
				.projection(new Document(OutboxEvent.FIELD, 1))
				.into(new ArrayList<>());
			if (batch.isEmpty()) {
				break;
			}
			read += batch.size();
			after = batch.get(batch.size() - 1).get("_id");
			target.deleteMany(new Document("_id", new Document("$lte", after)));
		}
		double rate = read / ((System.nanoTime() - start) / 1e9);
		mongo.dropCollection(collection);
		return rate;
	}

	private static String rates(List<Double> rates) {
		return rates.stream().map((rate) -> String.format("%,.0f", rate)).toList().toString();
	}

}
