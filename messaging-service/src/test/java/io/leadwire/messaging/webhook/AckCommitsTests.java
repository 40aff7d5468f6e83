package io.leadwire.messaging.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.messaging.LiveWahaTenant;
import io.leadwire.messaging.message.Message;
import io.leadwire.messaging.message.MessageStatus;
import io.leadwire.messaging.message.MessageStore;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTest;
import io.leadwire.testing.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acks committed as a group ({@link AckCommits}): many acks at once, duplicated and out
 * of order, from many request threads, move each message forward once per status, in
 * fewer writes than acks; a late failure moves nothing.
 */
@ServiceTest
class AckCommitsTests {

	@LocalServerPort
	int port;

	@Autowired
	MongoOperations mongo;

	@Autowired
	AckCommits acks;

	/**
	 * A delivery ack that overtakes the write of its send's answer (no message holds its
	 * ref yet) is tried again, and moves the message once the answer is written.
	 */
	@Test
	void anAckThatOvertakesItsSendIsAppliedOnceTheSendIsWritten() {
		LiveWahaTenant tenant = LiveWahaTenant.open(this.port, 10);
		HttpJson live = tenant.live();
		long sessionId = tenant.sessionId();
		long id = live
			.post("/v1/waha/send",
					Map.of("session_id", sessionId, "to", "254110377999", "type", "text", "message", "Hello"))
			.data()
			.get("messageId")
			.asLong();
		String[] ref = new String[1];
		// Its provider's own acks first, all of them.
		Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Message message = this.mongo.findById(id, Message.class);
			ref[0] = message.providerRef();
			assertThat(ref[0]).isNotNull();
			assertThat(message.status()).isEqualTo("read");
		});
		// As if it had just been sent and the answer were not written yet: no message
		// holds the ref. (Another ref than its provider's: this replica remembers that
		// one as read, which a message never moves back from.)
		ref[0] = ref[0] + "_LATER";
		org.springframework.data.mongodb.core.query.Query byId = org.springframework.data.mongodb.core.query.Query
			.query(org.springframework.data.mongodb.core.query.Criteria.where("_id").is(id));
		this.mongo.updateFirst(byId,
				new org.springframework.data.mongodb.core.query.Update().unset("providerRef")
					.set("status", "sent")
					.set("statusRank", MessageStatus.SENT.rank())
					.set("statusHistory", List.of()),
				Message.class);
		assertThat(this.acks.commit(new MessageStore.Ack(ref[0], MessageStatus.DELIVERED, Instant.now(), null)))
			.as("unknown when it came")
			.isFalse();
		this.mongo.updateFirst(byId,
				new org.springframework.data.mongodb.core.query.Update().set("providerRef", ref[0]), Message.class);
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.mongo.findById(id, Message.class).status()).isEqualTo("delivered"));
		assertThat(this.mongo.findById(id, Message.class)
			.statusHistory()
			.stream()
			.map(Message.StatusChange::status)
			.toList()).doesNotHaveDuplicates();
	}

	@Test
	void concurrentDuplicateAndReorderedAcksMoveEachMessageOncePerStatusInFewerWrites() throws Exception {
		long tenant = ThreadLocalRandom.current().nextLong(1, 1L << 40);
		HttpJson admin = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.platformAdmin());
		assertThat(admin.post("/v1/wallet/top-up", Map.of("tenantId", tenant, "credits", 1000)).status())
			.isEqualTo(200);
		HttpJson live = new HttpJson("http://127.0.0.1:" + this.port).header(ContextSigner.HEADER,
				TestSecrets.tenant(tenant, Environment.LIVE));
		HttpJson.Response session = live.post("/v1/waha/sessions",
				Map.of("name", "My Business API Session", "ratePerMinute", 6000));
		assertThat(session.status()).as(session.body()).isEqualTo(201);
		long sessionId = session.data().get("id").asLong();
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			// The legacy example's number, with the last digits varied.
			HttpJson.Response sent = live.post("/v1/waha/send", Map.of("session_id", sessionId, "to",
					"2541103" + String.format("%05d", 77000 + i), "type", "text", "message", "Hello " + i));
			assertThat(sent.status()).as(sent.body()).isEqualTo(202);
			ids.add(sent.data().get("messageId").asLong());
		}
		List<String> refs = new ArrayList<>();
		Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			refs.clear();
			for (long id : ids) {
				Message message = this.mongo.findById(id, Message.class);
				assertThat(message.providerRef()).as("message %d", id).isNotNull();
				refs.add(message.providerRef());
			}
		});
		long[] before = this.acks.counts();
		List<MessageStore.Ack> posted = new ArrayList<>();
		for (String ref : refs) {
			for (int copy = 0; copy < 2; copy++) {
				posted.add(new MessageStore.Ack(ref, MessageStatus.DELIVERED, Instant.now(), null));
				posted.add(new MessageStore.Ack(ref, MessageStatus.READ, Instant.now(), null));
			}
		}
		Collections.shuffle(posted);
		ExecutorService threads = Executors.newFixedThreadPool(32);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (MessageStore.Ack ack : posted) {
				done.add(threads.submit(() -> this.acks.commit(ack)));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			threads.shutdown();
		}
		// A failure after the read moves nothing.
		this.acks.commit(new MessageStore.Ack(refs.get(0), MessageStatus.FAILED, Instant.now(), "late"));
		long[] after = this.acks.counts();
		long acked = after[1] - before[1];
		long groups = after[0] - before[0];
		assertThat(acked).isGreaterThanOrEqualTo(posted.size() + 1);
		assertThat(groups).as("%d acks in %d groups", acked, groups).isLessThan(acked);
		for (long id : ids) {
			Message message = this.mongo.findById(id, Message.class);
			assertThat(message.status()).isEqualTo("read");
			assertThat(message.error()).isNull();
			List<String> history = message.statusHistory().stream().map(Message.StatusChange::status).toList();
			assertThat(history).as("message %d", id).doesNotHaveDuplicates().endsWith("read");
		}
	}

}
