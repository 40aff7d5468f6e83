package io.leadwire.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.launcher.Platform;
import io.leadwire.testing.HttpJson;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas of leads-service: jobs started on the second are finished by the first
 * after the second is killed ({@code kill -9}) mid-job, with exact counts, and no website
 * of a checkpointed chunk checked twice (issue 14). It runs after the suites that wait on
 * leads-service's consumers: the killed replica's Kafka partitions stay unconsumed until
 * the group notices it is gone, and the import's events keep the duplicate linker busy.
 */
@Order(Integer.MAX_VALUE - 2)
class JobTakeoverE2ETests {

	static RunningPlatform platform;

	static Platform.Replica second;

	static int secondPort;

	@BeforeAll
	static void start() throws Exception {
		platform = RunningPlatform.get();
		try (ServerSocket free = new ServerSocket(0)) {
			secondPort = free.getLocalPort();
		}
		second = platform.platform().startExtraService("leads-service-2", "leads-service", secondPort, Map.of());
	}

	@AfterAll
	static void stop() throws InterruptedException {
		if (second != null && second.isAlive()) {
			second.kill();
		}
	}

	@Test
	void jobsOfAKilledReplicaAreFinishedByTheOtherWithExactCountsAndNoCheckedChunkCheckedTwice() throws Exception {
		JsonNode tenant = platform.createTenant("Takeover Tenant");
		HttpJson gateway = platform.withKey(tenant.get("liveKey").asString());
		long tenantId = platform.ids().decode(tenant.get("id").asString()).getAsLong();
		HttpJson direct = new HttpJson("http://127.0.0.1:" + secondPort).header(ContextSigner.HEADER,
				platform.signedContext(tenantId));

		try (SilentSites silent = new SilentSites()) {
			List<Long> leadIds = new ArrayList<>();
			for (int i = 0; i < 64; i++) {
				leadIds
					.add(direct
						.post("/v1/leads",
								Map.of("email", "site" + i + "@takeover.example", "website",
										"http://silent.test:" + silent.port() + "/lead-" + i))
						.data()
						.get("id")
						.asLong());
			}
			StringBuilder csv = new StringBuilder("email,name\n");
			for (int i = 0; i < 10_000; i++) {
				csv.append("row").append(i).append("@import.example,Row ").append(i).append('\n');
			}

			// Both jobs go to the second replica, which claims them at once. The import
			// is
			// sent once the batch has checkpointed its first chunk, so that both are
			// under
			// way when the replica dies (the second chunk takes 8 s: 32 silent sites, 4
			// at a
			// time, 1 s each).
			long batch = direct.post("/v1/leads/verify", Map.of("leadIds", leadIds)).data().get("batchId").asLong();
			Awaitility.await()
				.atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> direct.get("/v1/leads/verify/" + batch).data().get("processed").asLong() >= 32);
			long importJob = direct.upload("/v1/leads/import", "big.csv", csv.toString(), Map.of())
				.data()
				.get("id")
				.asLong();
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> direct.get("/v1/leads/imports/" + importJob).data().get("processed").asLong() > 0);
			JsonNode batchAtKill = direct.get("/v1/leads/verify/" + batch).data();
			JsonNode importAtKill = direct.get("/v1/leads/imports/" + importJob).data();
			second.kill();
			assertThat(batchAtKill.get("status").asString()).isEqualTo("running");
			long checkpointed = batchAtKill.get("processed").asLong();

			String publicBatch = platform.ids().encode(batch);
			String publicImport = platform.ids().encode(importJob);
			JsonNode finishedBatch = RunningPlatform.awaitJob(gateway, "/v1/leads/verify/" + publicBatch);
			JsonNode finishedImport = RunningPlatform.awaitJob(gateway, "/v1/leads/imports/" + publicImport);

			assertThat(finishedBatch.get("status").asString()).isEqualTo("completed");
			assertThat(finishedBatch.get("processed").asLong()).isEqualTo(64);
			assertThat(finishedBatch.get("notWorking").asLong()).isEqualTo(64);
			assertThat(finishedImport.get("status").asString()).as(finishedImport.toString()).isEqualTo("completed");
			assertThat(finishedImport.get("processed").asLong()).isEqualTo(10_000);
			assertThat(finishedImport.get("created").asLong() + finishedImport.get("skipped").asLong())
				.as("rows of the batch written but not checkpointed when the replica died are matched, not doubled")
				.isEqualTo(10_000);
			assertThat(importAtKill.get("processed").asLong()).isLessThan(10_000);
			assertThat(gateway.get("/v1/leads?q=%40import.example&limit=1")
				.json()
				.get("meta")
				.get("pagination")
				.get("total")
				.asLong()).as("one lead per row").isEqualTo(10_000);

			// The chunks checkpointed before the kill (leads in id order) were checked
			// once.
			List<Long> sorted = leadIds.stream().sorted().toList();
			for (int i = 0; i < checkpointed; i++) {
				int lead = leadIds.indexOf(sorted.get(i));
				assertThat(silent.requests("/lead-" + lead)).as("checks of /lead-%d", lead).isEqualTo(1);
			}
			for (int i = 0; i < 64; i++) {
				assertThat(silent.requests("/lead-" + i)).as("checks of /lead-%d", i).isBetween(1, 2);
			}
		}
	}

	/**
	 * A server that accepts connections, reads the request line and never answers: each
	 * check waits out its read timeout. Counts the requests per path.
	 */
	static final class SilentSites implements AutoCloseable {

		private final ServerSocket server = new ServerSocket(0, 500, InetAddress.getLoopbackAddress());

		private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

		private final List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();

		private final Thread acceptor;

		SilentSites() throws IOException {
			this.acceptor = Thread.ofVirtual().start(() -> {
				while (!this.server.isClosed()) {
					try {
						Socket socket = this.server.accept();
						this.held.add(socket);
						Thread.ofVirtual().start(() -> record(socket));
					}
					catch (IOException ex) {
						return;
					}
				}
			});
		}

		private void record(Socket socket) {
			try {
				InputStream in = socket.getInputStream();
				StringBuilder line = new StringBuilder();
				for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
					line.append((char) c);
				}
				String[] parts = new String(line.toString().getBytes(StandardCharsets.ISO_8859_1),
						StandardCharsets.UTF_8)
					.split(" ");
				if (parts.length > 1) {
					this.requests.computeIfAbsent(parts[1], (path) -> new AtomicInteger()).incrementAndGet();
				}
			}
			catch (IOException ex) {
				// The checker gave up and closed: expected.
			}
		}

		int port() {
			return this.server.getLocalPort();
		}

		int requests(String path) {
			AtomicInteger count = this.requests.get(path);
			return (count != null) ? count.get() : 0;
		}

		@Override
		public void close() throws IOException {
			this.server.close();
			for (Socket socket : this.held) {
				socket.close();
			}
			this.acceptor.interrupt();
		}

	}

}
