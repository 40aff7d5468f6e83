package io.leadwire.messaging.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.concurrent.DaemonThreads;
import io.leadwire.common.concurrent.GroupCommits;
import io.leadwire.common.outbox.OutboxRelay;
import io.leadwire.messaging.message.MessageStore;

/**
 * Provider acks, committed as a group: each webhook request hands its ack here and waits
 * until the ack is written; the requests write them in groups ({@link GroupCommits}): one
 * takes every ack waiting (up to {@value #MAX_GROUP}), reads their messages in one query
 * and writes their moves (with their events) in one bulk, then answers all their
 * requests. Nothing waits for a timer: with one ack waiting, the group is that ack; under
 * load, the acks that arrive while a group is written form the next one, so the writes
 * per ack fall as the load rises. The provider gets its 200 only once the move is written
 * (or found needless), so an ack is never lost: a request that fails or times out is
 * answered 503 and the provider sends it again, and a repeated ack changes nothing. Every
 * replica commits its own acks; the moves are conditional, so two replicas' groups never
 * move a message back.
 * <p>
 * An ack no message holds the ref of yet — it raced the write of its send's answer, which
 * a lane makes up to 50 ms behind — is answered as before (nothing written) and tried
 * again in later groups, {@link #RETRY_MILLIS} after it came, so a delivery or failure
 * that overtook its own {@code sent} is not lost. Acks of messages sent from the phone
 * itself (never ours) are tried those few times too, at most {@value #MAX_PARKED} at
 * once.
 */
@Component
public class AckCommits {

	/** Acks one group takes at most. */
	static final int MAX_GROUP = 500;

	/** How long a request waits for its group at most. */
	private static final Duration WAIT = Duration.ofSeconds(10);

	/** When an ack for an unknown ref is tried again, counted from when it came. */
	static final long[] RETRY_MILLIS = { 250, 1_000, 3_000 };

	/** Acks waiting to be tried again at most (past it, an unknown ack is dropped). */
	static final int MAX_PARKED = 10_000;

	private final ScheduledExecutorService later = Executors
		.newSingleThreadScheduledExecutor(DaemonThreads.named("ack-retries"));

	private final AtomicInteger parked = new AtomicInteger();

	private final MessageStore messages;

	private final ObjectProvider<OutboxRelay> relay;

	private final GroupCommits<Pending, Boolean> commits;

	AckCommits(MessageStore messages, ObjectProvider<OutboxRelay> relay) {
		this.messages = messages;
		this.relay = relay;
		this.commits = new GroupCommits<>("ack-commits", MAX_GROUP, this::write);
	}

	/**
	 * Writes the ack's move (if it moves its message forward), with others waiting at the
	 * same time; returns once it is written: whether a message holds the ack's ref
	 * (false: none does, and nothing was written).
	 */
	public boolean commit(MessageStore.Ack ack) {
		try {
			return this.commits.commit(new Pending(ack, 0), WAIT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unavailable();
		}
		catch (ExecutionException | TimeoutException ex) {
			throw unavailable();
		}
	}

	/** Groups written so far, and the acks in them (for the benchmark and tests). */
	long[] counts() {
		return this.commits.counts();
	}

	/**
	 * One group's moves in one read and one bulk; per ack, whether its message is known.
	 */
	private List<Boolean> write(List<Pending> group) {
		MessageStore.Advanced advanced = this.messages
			.advanceAllByProviderRef(group.stream().map(Pending::ack).toList());
		if (advanced.moved() > 0) {
			this.relay.ifAvailable(OutboxRelay::nudge);
		}
		List<Boolean> known = new ArrayList<>(group.size());
		for (Pending pending : group) {
			boolean found = !advanced.unknown().contains(pending.ack().providerRef());
			if (!found) {
				retryLater(pending);
			}
			known.add(found);
		}
		return known;
	}

	/** Tries an ack whose message was not found again later (a few times, bounded). */
	private void retryLater(Pending pending) {
		int attempt = pending.attempt();
		if (attempt >= RETRY_MILLIS.length) {
			return;
		}
		if (this.parked.incrementAndGet() > MAX_PARKED) {
			this.parked.decrementAndGet();
			return;
		}
		long delay = RETRY_MILLIS[attempt] - ((attempt > 0) ? RETRY_MILLIS[attempt - 1] : 0);
		this.later.schedule(() -> {
			this.parked.decrementAndGet();
			this.commits.submit(new Pending(pending.ack(), attempt + 1));
		}, delay, TimeUnit.MILLISECONDS);
	}

	@PreDestroy
	void stop() {
		this.commits.close();
		this.later.shutdownNow();
	}

	private static ApiException unavailable() {
		return new ApiException(503, ErrorCodes.SERVICE_UNAVAILABLE,
				"The status could not be recorded now; send it again");
	}

	private record Pending(MessageStore.Ack ack, int attempt) {
	}

}
