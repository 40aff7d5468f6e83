package io.leadwire.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The planned stores answer exactly as the library's own: every query shape the services
 * use with {@code _id} (or another uniquely indexed field) beside other conditions, reads
 * and conditional writes, and every query on the equality prefix of a compound or
 * non-unique index (ints and longs alike, arrays, missing fields, writes that move
 * documents between keys), against the same documents — H2 beside H2, memory beside
 * memory.
 */
class PlannedQueriesTests {

	static final List<MongoServer> servers = new ArrayList<>();

	/** Pairs of clients: the library's store, then the planned one. */
	static final List<MongoClient[]> pairs = new ArrayList<>();

	@BeforeAll
	static void start() {
		pairs.add(new MongoClient[] { client(H2Backend.inMemory()),
				client(new PlannedH2Backend(org.h2.mvstore.MVStore.open(null))) });
		pairs.add(new MongoClient[] { client(new MemoryBackend()), client(new PlannedMemoryBackend()) });
		for (MongoClient[] pair : pairs) {
			for (MongoClient client : pair) {
				fill(client);
			}
		}
	}

	private static MongoClient client(de.bwaldvogel.mongo.backend.AbstractMongoBackend backend) {
		MongoServer server = new MongoServer(backend);
		servers.add(server);
		return MongoClients.create("mongodb://" + hostPort(server.bind()));
	}

	private static void fill(MongoClient client) {
		List<Document> documents = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			documents.add(new Document("_id", "c1:" + i).append("seq", i)
				.append("state", (i % 3 == 0) ? "pending" : "sent")
				.append("rank", (i % 4 == 0) ? null : i % 4)
				.append("tags", List.of("t" + (i % 5))));
			if (i % 2 == 0) {
				documents.get(i).append("ref", "r" + i);
			}
		}
		collection(client).createIndex(new Document("ref", 1),
				new com.mongodb.client.model.IndexOptions().unique(true).sparse(true));
		collection(client).insertMany(documents);
	}

	@AfterAll
	static void stop() {
		pairs.forEach((pair) -> java.util.Arrays.stream(pair).forEach(MongoClient::close));
		servers.forEach(MongoServer::shutdownNow);
	}

	@Test
	void readsWithAnIdBesideOtherConditionsAnswerAsTheLibrary() {
		List<Bson> queries = List.of(Filters.and(Filters.eq("_id", "c1:3"), Filters.eq("state", "pending")),
				Filters.and(Filters.eq("_id", "c1:4"), Filters.eq("state", "pending")),
				Filters.and(Filters.eq("_id", "c1:5"), Filters.in("state", "sent", "pending"),
						Filters.or(Filters.eq("rank", null), Filters.lt("rank", 2))),
				Filters.and(Filters.in("_id", "c1:1", "c1:2", "c1:3", "c1:6", "nope"), Filters.eq("state", "pending")),
				Filters.and(Filters.eq("_id", "nope"), Filters.eq("state", "pending")),
				Filters.and(Filters.eq("_id", "c1:7"), Filters.eq("tags", "t2")),
				Filters.and(Filters.regex("_id", "^c1:1"), Filters.eq("state", "pending")),
				Filters.and(Filters.gte("_id", "c1:2"), Filters.eq("state", "sent")),
				Filters.and(Filters.eq("ref", "r6"), Filters.eq("state", "pending")),
				Filters.and(Filters.eq("ref", "r8"), Filters.eq("state", "pending")),
				Filters.and(Filters.eq("ref", null), Filters.eq("state", "pending")),
				Filters.and(Filters.in("ref", "r0", "r3", "r12"), Filters.ne("state", "sent")));
		for (MongoClient[] pair : pairs) {
			for (Bson query : queries) {
				assertThat(read(pair[1], query)).as(query.toString()).isEqualTo(read(pair[0], query));
			}
			assertThat(read(pair[1], queries.get(3))).hasSize(2);
		}
	}

	@Test
	void conditionalWritesByIdChangeWhatTheLibraryChanges() {
		List<Function<MongoCollection<Document>, Object>> writes = List.of(
				(c) -> c
					.updateOne(Filters.and(Filters.eq("_id", "c1:9"), Filters.eq("state", "pending")),
							Updates.set("state", "sending"))
					.getModifiedCount(),
				(c) -> c
					.updateOne(Filters.and(Filters.eq("_id", "c1:9"), Filters.eq("state", "pending")),
							Updates.set("state", "sending"))
					.getModifiedCount(),
				(c) -> c
					.updateMany(
							Filters.and(Filters.in("_id", "c1:12", "c1:13", "c1:15"), Filters.eq("state", "pending")),
							Updates.set("state", "sending"))
					.getModifiedCount(),
				(c) -> c.findOneAndUpdate(Filters.and(Filters.eq("_id", "c1:21"), Filters.eq("state", "pending")),
						Updates.inc("seq", 1), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)),
				(c) -> c.deleteOne(Filters.and(Filters.eq("_id", "c1:24"), Filters.eq("state", "sent")))
					.getDeletedCount(),
				(c) -> c.deleteOne(Filters.and(Filters.eq("_id", "c1:27"), Filters.eq("state", "pending")))
					.getDeletedCount(),
				(c) -> c
					.updateOne(Filters.and(Filters.eq("ref", "r30"), Filters.lt("seq", 100)),
							Updates.set("state", "read"))
					.getModifiedCount());
		for (MongoClient[] pair : pairs) {
			for (Function<MongoCollection<Document>, Object> write : writes) {
				assertThat(write.apply(collection(pair[1]))).isEqualTo(write.apply(collection(pair[0])));
			}
			assertThat(read(pair[1], Filters.empty())).isEqualTo(read(pair[0], Filters.empty()));
		}
	}

	@Test
	void theRelaysQueryFindsExactlyTheDocumentsWithEventsWaiting() {
		Bson pending = Filters.exists("outbox.eventId");
		List<Function<MongoCollection<Document>, Object>> writes = List.of(
				(c) -> c.insertMany(
						List.of(new Document("_id", "o1").append("outbox", List.of(new Document("eventId", "e1"))),
								new Document("_id", "o2").append("outbox", List.of()),
								new Document("_id", "o3").append("outbox",
										List.of(new Document("eventId", "e3"), new Document("eventId", "e4"))),
								new Document("_id", "o4"))),
				(c) -> c.updateOne(Filters.eq("_id", "o2"), Updates.push("outbox", new Document("eventId", "e2"))),
				(c) -> c.updateOne(Filters.eq("_id", "o1"),
						Updates.pull("outbox", new Document("eventId", new Document("$in", List.of("e1"))))),
				(c) -> c.updateOne(Filters.eq("_id", "o3"), Updates.pull("outbox", new Document("eventId", "e3"))),
				(c) -> c.deleteOne(Filters.eq("_id", "o2")),
				(c) -> c.insertOne(new Document("_id", "o5").append("outbox", List.of(new Document("eventId", "e5")))),
				(c) -> c.updateOne(Filters.eq("_id", "o4"),
						Updates.set("outbox", List.of(new Document("eventId", "e6")))));
		for (MongoClient[] pair : pairs) {
			MongoCollection<Document> plain = pair[0].getDatabase("planned").getCollection("outboxes");
			MongoCollection<Document> planned = pair[1].getDatabase("planned").getCollection("outboxes");
			for (Function<MongoCollection<Document>, Object> write : writes) {
				write.apply(plain);
				write.apply(planned);
				assertThat(planned.find(pending).into(new ArrayList<>()))
					.isEqualTo(plain.find(pending).into(new ArrayList<>()));
			}
			assertThat(planned.find(pending).map((d) -> d.getString("_id")).into(new ArrayList<>()))
				.containsExactlyInAnyOrder("o3", "o4", "o5");
		}
	}

	@Test
	void queriesOnTheEqualityPrefixOfACompoundOrNonUniqueIndexAnswerAsTheLibrary() {
		List<Function<MongoCollection<Document>, Object>> writes = List.of(
				(c) -> c.createIndex(new Document("campaignId", 1).append("state", 1).append("seq", 1)),
				(c) -> c.createIndex(new Document("sessionId", 1).append("due", 1)),
				(c) -> c.createIndex(new Document("tags", 1)),
				(c) -> c.createIndex(new Document("tags", 1).append("seq", 1)), (c) -> {
					List<Document> documents = new ArrayList<>();
					for (int i = 0; i < 400; i++) {
						Document document = new Document("_id", 10_000L + i).append("seq", i)
							// ints and longs alike, as drivers write them
							.append("campaignId", (i % 2 == 0) ? (Object) (i % 4) : (Object) (long) (i % 4))
							.append("state", List.of("pending", "sending", "sent").get(i % 3))
							.append("sessionId", (long) (i % 7))
							.append("due", (long) (1_000 - i));
						if (i % 10 == 0) {
							document.remove("state");
						}
						if (i % 13 == 0) {
							document.append("tags", List.of("a", "b"));
						}
						else if (i % 5 == 0) {
							document.append("tags", "a");
						}
						documents.add(document);
					}
					return c.insertMany(documents);
				},
				(c) -> c
					.updateMany(Filters.and(Filters.eq("campaignId", 1), Filters.eq("state", "pending")),
							Updates.set("state", "sending"))
					.getModifiedCount(),
				(c) -> c.updateOne(Filters.eq("_id", 10_003L), Updates.set("campaignId", 2)).getModifiedCount(),
				(c) -> c.deleteMany(Filters.and(Filters.eq("sessionId", 3L), Filters.lt("due", 900L)))
					.getDeletedCount(),
				(c) -> c.updateMany(Filters.eq("campaignId", 3L), Updates.set("tags", List.of("c", "a")))
					.getModifiedCount(),
				// An array where a walk orders (no walk while it is there), then gone.
				(c) -> c.updateOne(Filters.eq("_id", 10_011L), Updates.set("due", List.of(5L, 995L)))
					.getModifiedCount(),
				(c) -> c.updateOne(Filters.eq("_id", 10_011L), Updates.set("due", 7L)).getModifiedCount(),
				// Ties in the walked order, and a value of another type.
				(c) -> c.updateMany(Filters.lt("seq", 40), Updates.set("seq", 7)).getModifiedCount(),
				(c) -> c.updateOne(Filters.eq("_id", 10_020L), Updates.set("seq", "x")).getModifiedCount());
		long plannedBefore = PlannedQueries.PREFIX_PLANS.sum();
		long walkedBefore = PlannedQueries.WALKS.sum();
		long aggregatedBefore = PlannedQueries.AGGREGATE_PLANS.sum();
		long countedBefore = PlannedQueries.COUNTED_GROUPS.sum();
		List<Bson> queries = List.of(Filters.eq("campaignId", 1), Filters.eq("campaignId", 1L),
				Filters.and(Filters.eq("campaignId", 2), Filters.eq("state", "sending")),
				Filters.and(Filters.eq("campaignId", 0), Filters.eq("state", null)),
				Filters.and(Filters.eq("campaignId", 0), Filters.in("state", "pending", "sent"),
						Filters.gt("seq", 100)),
				Filters.and(Filters.in("campaignId", 1, 2L, 9), Filters.eq("state", "sending"), Filters.eq("seq", 5)),
				Filters.and(Filters.eq("sessionId", 2), Filters.lte("due", 800L), Filters.nin("_id", 10_002L)),
				Filters.and(Filters.eq("sessionId", 4L), Filters.not(Filters.gt("due", 900L))), Filters.eq("tags", "a"),
				Filters.eq("tags", "c"), Filters.and(Filters.eq("tags", "b"), Filters.lt("seq", 50)),
				Filters.eq("state", "pending"), Filters.eq("campaignId", null), Filters.regex("state", "^pend"),
				// Walked: a range of the key after the prefix, and an $or of one branch.
				Filters.and(Filters.eq("campaignId", 0), Filters.eq("state", "pending"), Filters.gt("seq", 100)),
				Filters.and(Filters.eq("campaignId", 1L), Filters.eq("state", "sending"), Filters.gte("seq", 7),
						Filters.lte("seq", 200)),
				Filters.and(Filters.eq("sessionId", 2), Filters.gte("due", 700L), Filters.lt("due", 900L)),
				Filters.and(Filters.eq("tags", "a"), Filters.gt("seq", 100), Filters.lt("seq", "y")),
				Filters.and(Filters.eq("campaignId", 2), Filters.or(Filters.eq("state", "sending"))),
				Filters.and(Filters.eq("campaignId", 2), Filters.or(Filters.eq("state", "sending")),
						Filters.gt("seq", 10)),
				Filters.and(Filters.eq("campaignId", 2), Filters.eq("state", "sent"), Filters.gt("seq", null)));
		for (MongoClient[] pair : pairs) {
			MongoCollection<Document> plain = pair[0].getDatabase("planned").getCollection("prefixes");
			MongoCollection<Document> planned = pair[1].getDatabase("planned").getCollection("prefixes");
			for (Function<MongoCollection<Document>, Object> write : writes) {
				Object expected = write.apply(plain);
				Object actual = write.apply(planned);
				if (expected instanceof Long) {
					assertThat(actual).isEqualTo(expected);
				}
				for (Bson query : queries) {
					assertThat(planned.find(query).into(new ArrayList<>())).as(query.toString())
						.isEqualTo(plain.find(query).into(new ArrayList<>()));
					assertThat(planned.find(query).sort(Sorts.descending("due")).limit(5).into(new ArrayList<>()))
						.as(query.toString())
						.isEqualTo(plain.find(query).sort(Sorts.descending("due")).limit(5).into(new ArrayList<>()));
					for (Bson sort : List.of(Sorts.ascending("seq"), Sorts.ascending("due"))) {
						assertThat(planned.find(query).sort(sort).skip(2).limit(6).into(new ArrayList<>()))
							.as(query + " sorted by " + sort)
							.isEqualTo(plain.find(query).sort(sort).skip(2).limit(6).into(new ArrayList<>()));
						assertThat(planned.find(query).sort(sort).into(new ArrayList<>()))
							.as(query + " sorted by " + sort)
							.isEqualTo(plain.find(query).sort(sort).into(new ArrayList<>()));
					}
					assertThat(planned.countDocuments(query)).as(query.toString())
						.isEqualTo(plain.countDocuments(query));
					for (List<Document> pipeline : groupings(query)) {
						assertThat(planned.aggregate(pipeline).into(new ArrayList<>())).as(pipeline.toString())
							.isEqualTo(plain.aggregate(pipeline).into(new ArrayList<>()));
					}
				}
			}
			assertThat(planned.countDocuments(Filters.and(Filters.eq("campaignId", 2), Filters.eq("state", "sending"))))
				.isPositive();
			// A collection not made yet groups nothing, as in the library.
			for (List<Document> pipeline : groupings(Filters.eq("campaignId", 1))) {
				assertThat(pair[1].getDatabase("planned")
					.getCollection("none")
					.aggregate(pipeline)
					.into(new ArrayList<>()))
					.as(pipeline.toString())
					.isEqualTo(pair[0].getDatabase("planned")
						.getCollection("none")
						.aggregate(pipeline)
						.into(new ArrayList<>()))
					.isEmpty();
			}
		}
		// Both planned stores answered from the indexes: after the third write, 11 of the
		// 14 queries (not the unindexed state, the null campaign, the pattern), three
		// ways each (find, sorted find, count).
		assertThat(PlannedQueries.PREFIX_PLANS.sum() - plannedBefore).as("queries the prefix indexes answered")
			.isGreaterThanOrEqualTo(2L * 6 * 11 * 3);
		// Sorts on the key after a prefix, and ranges of it, were read in the index's
		// order.
		assertThat(PlannedQueries.WALKS.sum() - walkedBefore).as("queries answered by walking an index")
			.isGreaterThanOrEqualTo(2L * 6 * 10);
		// Every grouping (five per query after each write, and five of a collection not
		// made yet) in both planned stores.
		assertThat(PlannedQueries.AGGREGATE_PLANS.sum() - aggregatedBefore).as("aggregations planned")
			.isEqualTo(2L * (writes.size() * queries.size() + 1) * 5);
		assertThat(PlannedQueries.COUNTED_GROUPS.sum() - countedBefore).as("groups counted before the library's")
			.isEqualTo(2L * (writes.size() * queries.size() + 1) * 3);
	}

	/**
	 * A group keyed or summing on the counting field's own name is left to the library:
	 * counting it first would read the count as the field.
	 */
	@Test
	void aGroupOnTheCountingFieldIsNotCountedFirst() {
		List<de.bwaldvogel.mongo.bson.Document> matched = List.of(
				new de.bwaldvogel.mongo.bson.Document(PlannedQueries.COUNT, 3),
				new de.bwaldvogel.mongo.bson.Document("state", "sent"));
		de.bwaldvogel.mongo.bson.Document one = new de.bwaldvogel.mongo.bson.Document("$sum", 1);
		assertThat(PlannedQueries.countedBy(
				new de.bwaldvogel.mongo.bson.Document("$group",
						new de.bwaldvogel.mongo.bson.Document("_id", "$" + PlannedQueries.COUNT).append("n", one)),
				matched))
			.isNull();
		assertThat(PlannedQueries.countedBy(new de.bwaldvogel.mongo.bson.Document("$group",
				new de.bwaldvogel.mongo.bson.Document("_id",
						new de.bwaldvogel.mongo.bson.Document("c", "$" + PlannedQueries.COUNT).append("s", "$state"))
					.append("n", one)),
				matched))
			.isNull();
		assertThat(PlannedQueries.countedBy(
				new de.bwaldvogel.mongo.bson.Document("$group",
						new de.bwaldvogel.mongo.bson.Document("_id", "$state").append(PlannedQueries.COUNT, one)),
				matched))
			.isNull();
		List<de.bwaldvogel.mongo.bson.Document> counted = PlannedQueries
			.countedBy(new de.bwaldvogel.mongo.bson.Document("$group",
					new de.bwaldvogel.mongo.bson.Document("_id", "$state").append("n", one)), matched);
		assertThat(counted).hasSize(2);
		assertThat(counted.get(1).get("state")).isEqualTo("sent");
		assertThat(counted.get(1).get(PlannedQueries.COUNT)).isEqualTo(1);
	}

	/**
	 * Groupings of the query's documents as analytics make them: conditional sums in one
	 * group, counts by a field in order, and a {@code $count}.
	 */
	private static List<List<Document>> groupings(Bson query) {
		Document match = new Document("$match", query.toBsonDocument());
		Document sums = new Document("_id", null)
			.append("pending",
					new Document("$sum",
							new Document("$cond", List.of(new Document("$eq", List.of("$state", "pending")), 1, 0))))
			.append("late", new Document("$sum", new Document("$cond",
					List.of(new Document("$gte",
							List.of(new Document("$ifNull", java.util.Arrays.asList("$due", null)), 900L)), 1, 0))))
			.append("seqs", new Document("$sum", "$seq"));
		// Counted by a document of fields (the tally's shape): ints and longs of one
		// value,
		// and missing fields, grouped as the library groups them, in its order.
		Document byStateAndCampaign = new Document("_id",
				new Document("state", "$state").append("campaign", "$campaignId").append("tags", "$tags"))
			.append("n", new Document("$sum", 1))
			.append("m", new Document("$sum", 1));
		return List.of(List.of(match, new Document("$group", sums)),
				List.of(match,
						new Document("$group", new Document("_id", "$state").append("n", new Document("$sum", 1))),
						new Document("$sort", new Document("_id", 1))),
				List.of(match, new Document("$count", "n")), List.of(match, new Document("$group", byStateAndCampaign)),
				List.of(match, new Document("$group", new Document("_id", null).append("n", new Document("$sum", 1)))));
	}

	private static List<Document> read(MongoClient client, Bson query) {
		return collection(client).find(query).sort(Sorts.ascending("seq")).into(new ArrayList<>());
	}

	private static MongoCollection<Document> collection(MongoClient client) {
		return client.getDatabase("planned").getCollection("recipients");
	}

	private static String hostPort(java.net.InetSocketAddress address) {
		return address.getHostString() + ":" + address.getPort();
	}

}
