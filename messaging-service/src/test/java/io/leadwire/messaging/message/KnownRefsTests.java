package io.leadwire.messaging.message;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;

import io.leadwire.common.context.Environment;
import io.leadwire.testing.ServiceTest;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider ids a replica remembers ({@link MessageStore}): an ack of a message this
 * replica sent is written without reading the message, one at or below the rank it
 * remembers reads and writes nothing, and a remembered rank another replica has since
 * passed never moves a message twice or back. Two stores on one database play two
 * replicas; each counts what it asks the database.
 */
@ServiceTest
class KnownRefsTests {

	@Autowired
	MongoOperations mongo;

	@Autowired
	ObjectMapper json;

	@Test
	void acksOfARememberedMessageSkipTheReadAndTheNeedlessWritesAcrossTwoReplicas() {
		Calls callsA = new Calls();
		Calls callsB = new Calls();
		MessageStore a = new MessageStore(callsA.around(this.mongo), this.json);
		MessageStore b = new MessageStore(callsB.around(this.mongo), this.json);
		long id = ThreadLocalRandom.current().nextLong(1, 1L << 50);
		Instant now = Instant.now();
		Message queued = queued(id, 7, Environment.LIVE, 70, 700L, "+254110377999", now);
		this.mongo.insert(queued);
		String ref = "70:true_254110377999@c.us_" + id;

		// Replica A sends it: it remembers the provider's id and the rank.
		a.sentAll(List.of(new MessageStore.Sent(queued, ref)));
		callsA.clear();
		MessageStore.Advanced served = a
			.advanceAllByProviderRef(List.of(new MessageStore.Ack(ref, MessageStatus.SENT, now, null)));
		assertThat(served.moved()).isZero();
		assertThat(served.unknown()).isEmpty();
		assertThat(callsA.total()).as("the provider's sent ack: nothing read, nothing written").isZero();

		// Replica B, which never saw it, takes its delivery and read: it reads it first.
		MessageStore.Advanced onB = b.advanceAllByProviderRef(
				List.of(new MessageStore.Ack(ref, MessageStatus.DELIVERED, now.plusSeconds(1), null),
						new MessageStore.Ack(ref, MessageStatus.READ, now.plusSeconds(2), null)));
		assertThat(onB.moved()).isEqualTo(2);
		assertThat(callsB.of("find")).isEqualTo(1);

		// A, still remembering "sent", gets the delivery again: written without a read,
		// conditional, so it changes nothing.
		callsA.clear();
		MessageStore.Advanced late = a
			.advanceAllByProviderRef(List.of(new MessageStore.Ack(ref, MessageStatus.DELIVERED, now, null)));
		assertThat(late.moved()).isZero();
		assertThat(callsA.of("find")).isZero();
		assertThat(callsA.of("getCollection")).isEqualTo(1);

		// The read again: one conditional write (A knows "delivered" at least), then,
		// known as read, nothing at all; a late failure neither.
		a.advanceAllByProviderRef(List.of(new MessageStore.Ack(ref, MessageStatus.READ, now, null)));
		callsA.clear();
		MessageStore.Advanced again = a
			.advanceAllByProviderRef(List.of(new MessageStore.Ack(ref, MessageStatus.READ, now, null),
					new MessageStore.Ack(ref, MessageStatus.FAILED, now, "late")));
		assertThat(again.moved()).isZero();
		assertThat(callsA.total()).isZero();

		Message stored = this.mongo.findById(id, Message.class);
		assertThat(stored.status()).isEqualTo("read");
		assertThat(stored.error()).isNull();
		assertThat(stored.statusHistory().stream().map(Message.StatusChange::status).toList()).containsExactly("queued",
				"sent", "delivered", "read");
	}

	@Test
	void aFailureIsWrittenOnlyWhileTheMessageMayStillFailAndDoesNotRaiseTheRememberedRank() {
		Calls calls = new Calls();
		MessageStore a = new MessageStore(calls.around(this.mongo), this.json);
		MessageStore b = new MessageStore(this.mongo, this.json);
		long id = ThreadLocalRandom.current().nextLong(1, 1L << 50);
		Instant now = Instant.now();
		Message queued = queued(id, 8, Environment.TEST, 80, null, "+254110377998", now);
		this.mongo.insert(queued);
		String ref = "80:true_254110377998@c.us_" + id;
		a.sentAll(List.of(new MessageStore.Sent(queued, ref)));
		// Delivered on another replica; then A hears the failure (a late ERROR): its
		// write finds the message delivered and changes nothing.
		b.advanceAllByProviderRef(List.of(new MessageStore.Ack(ref, MessageStatus.DELIVERED, now, null)));
		assertThat(a.advanceAllByProviderRef(List.of(new MessageStore.Ack(ref, MessageStatus.FAILED, now, "late")))
			.moved()).isZero();
		// A still does not take the failure for a rank reached: the read is written.
		assertThat(a.advanceAllByProviderRef(List.of(new MessageStore.Ack(ref, MessageStatus.READ, now, null))).moved())
			.isEqualTo(1);
		Message stored = this.mongo.findById(id, Message.class);
		assertThat(stored.status()).isEqualTo("read");
		assertThat(stored.error()).isNull();
	}

	/**
	 * A send found at its provider (reconciled) whose provider id another message already
	 * holds (adopted from a webhook) still moves to sent, without the id, as a bulk of
	 * sends does; a second move to sent changes nothing.
	 */
	@Test
	void aSentMessageWhoseProviderIdAnotherHoldsMovesWithoutIt() {
		MessageStore store = new MessageStore(this.mongo, this.json);
		long id = ThreadLocalRandom.current().nextLong(1, 1L << 50);
		Instant now = Instant.now();
		Message queued = queued(id, 9, Environment.LIVE, 90, null, "254110377997", now);
		Message holder = queued(id + 1, 9, Environment.LIVE, 90, null, "254110377996", now);
		this.mongo.insert(queued);
		this.mongo.insert(holder);
		String ref = "90:true_254110377997@c.us_" + id;
		assertThat(store.adoptProviderRef(holder.id(), 90, ref)).isTrue();

		store.sent(queued, ref);
		Message stored = this.mongo.findById(id, Message.class);
		assertThat(stored.status()).isEqualTo("sent");
		assertThat(stored.providerRef()).isNull();
		assertThat(stored.statusHistory().stream().map(Message.StatusChange::status).toList()).containsExactly("queued",
				"sent");
		assertThat(stored.outbox()).hasSize(1);
		assertThat(this.mongo.findById(id + 1, Message.class).providerRef()).isEqualTo(ref);

		store.sent(queued, "90:another_" + id);
		Message again = this.mongo.findById(id, Message.class);
		assertThat(again.providerRef()).isNull();
		assertThat(again.statusHistory()).hasSize(2);
	}

	/** An outbound text message, queued at {@code now}. */
	private static Message queued(long id, long tenantId, Environment environment, long sessionId, Long campaignId,
			String to, Instant now) {
		return new Message(id, tenantId, environment, sessionId, campaignId, "outbound", to, null, "text",
				Map.of("message", "Hello"), MessageStatus.QUEUED.wireName(), MessageStatus.QUEUED.rank(),
				List.of(new Message.StatusChange("queued", now)), null, null, null, now, now, null);
	}

	/** Counts the calls a store makes on its {@link MongoOperations}, by method name. */
	private static final class Calls {

		private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

		MongoOperations around(MongoOperations mongo) {
			return (MongoOperations) Proxy.newProxyInstance(MongoOperations.class.getClassLoader(),
					new Class<?>[] { MongoOperations.class }, (proxy, method, args) -> {
						this.counts.computeIfAbsent(method.getName(), (name) -> new AtomicInteger()).incrementAndGet();
						try {
							return method.invoke(mongo, args);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
		}

		int of(String method) {
			AtomicInteger count = this.counts.get(method);
			return (count != null) ? count.get() : 0;
		}

		/**
		 * Reads and writes (not the converter and names a store asks for): a bulk of
		 * moves is written through the driver's collection, asked for each time.
		 */
		int total() {
			return this.counts.entrySet()
				.stream()
				.filter((entry) -> !entry.getKey().equals("getConverter")
						&& !entry.getKey().equals("getCollectionName"))
				.mapToInt((entry) -> entry.getValue().get())
				.sum();
		}

		void clear() {
			this.counts.clear();
		}

	}

}
