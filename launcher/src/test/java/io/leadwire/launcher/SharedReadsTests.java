package io.leadwire.launcher;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The memory store lets reads of one collection run side by side: while a read is in
 * progress (here: its lock held, as a long export's query holds it), another tenant's
 * list and count on the same collection answer, and only a change waits — then goes
 * through once the read is done.
 */
class SharedReadsTests {

	static final PlannedMemoryBackend backend = new PlannedMemoryBackend();

	static MongoServer server;

	static MongoClient client;

	static final ExecutorService threads = Executors.newCachedThreadPool();

	@BeforeAll
	static void start() {
		server = new MongoServer(backend);
		java.net.InetSocketAddress address = server.bind();
		client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
		contacts().createIndex(new Document("tenantId", 1).append("environment", 1));
		contacts().insertMany(IntStream.range(0, 200)
			.mapToObj((i) -> new Document("_id", i).append("tenantId", (i % 2 == 0) ? "a" : "b")
				.append("environment", "live"))
			.toList());
	}

	@AfterAll
	static void stop() {
		client.close();
		server.shutdownNow();
		threads.shutdownNow();
	}

	static MongoCollection<Document> contacts() {
		return client.getDatabase("contacts").getCollection("contacts");
	}

	@Test
	void readsShareTheCollectionAndChangesWaitForThem() throws Exception {
		PlannedMemoryBackend.Collection collection = (PlannedMemoryBackend.Collection) backend
			.resolveDatabase("contacts")
			.resolveCollection("contacts", true);
		var held = collection.lock().readLock();
		held.lock();
		CompletableFuture<Void> insert;
		try {
			var tenantB = Filters.and(Filters.eq("tenantId", "b"), Filters.eq("environment", "live"));
			var list = CompletableFuture.supplyAsync(() -> contacts().find(tenantB)
				.sort(Sorts.descending("_id"))
				.limit(50)
				.into(new java.util.ArrayList<>()), threads);
			var count = CompletableFuture.supplyAsync(() -> contacts().countDocuments(tenantB), threads);
			assertThat(list.get(10, TimeUnit.SECONDS)).hasSize(50)
				.first()
				.extracting((d) -> d.get("_id"))
				.isEqualTo(199);
			assertThat(count.get(10, TimeUnit.SECONDS)).isEqualTo(100L);

			insert = CompletableFuture.runAsync(
					() -> contacts()
						.insertOne(new Document("_id", 1000).append("tenantId", "b").append("environment", "live")),
					threads);
			// It cannot finish while the read holds the collection.
			assertThat(insert).failsWithin(Duration.ofMillis(300))
				.withThrowableOfType(java.util.concurrent.TimeoutException.class);
		}
		finally {
			held.unlock();
		}
		insert.get(10, TimeUnit.SECONDS);
		assertThat(contacts().countDocuments(Filters.eq("tenantId", "b"))).isEqualTo(101L);
	}

}
