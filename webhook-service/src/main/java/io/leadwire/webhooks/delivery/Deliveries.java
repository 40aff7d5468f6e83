package io.leadwire.webhooks.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.context.TenantScope;
import io.leadwire.webhooks.WebhookProperties;
import io.leadwire.webhooks.endpoint.EndpointRemoved;

import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Webhook messages: made by the intake, claimed and settled by the {@link Dispatcher},
 * listed, dead-lettered and replayed for tenants.
 */
@Service
public class Deliveries {

	/** At most this many dead messages are replayed by one request. */
	static final int REPLAY_LIMIT = 10_000;

	private final MessageStore store;

	private final WebhookProperties properties;

	private final Clock clock = Clock.systemUTC();

	Deliveries(MessageStore store, WebhookProperties properties) {
		this.store = store;
		this.properties = properties;
	}

	/** Files new messages; an event seen before makes none. How many are new. */
	public int enqueue(List<WebhookMessage> messages) {
		return messages.isEmpty() ? 0 : this.store.insertNew(messages);
	}

	List<MessageStore.Candidate> due(Collection<Long> busyTenants, Collection<Long> busyEndpoints, int limit) {
		return this.store.due(this.clock.instant(), busyTenants, busyEndpoints, limit);
	}

	WebhookMessage claim(long id, String owner) {
		Instant now = this.clock.instant();
		return this.store.claim(id, owner, now, now.plus(this.properties.lease()));
	}

	/**
	 * The message that must reach the endpoint before {@code message} (same resource,
	 * earlier, still pending), or null.
	 */
	WebhookMessage blockedBy(WebhookMessage message) {
		return (message.orderKey() == null || message.round() > 0) ? null : this.store.earlierPending(message);
	}

	/** Puts a claimed message back until {@code at}. */
	void postpone(WebhookMessage message, String owner, Instant at) {
		this.store.settle(message, owner, new Update().set("nextAttemptAt", at));
	}

	/** A claimed message whose endpoint is gone. */
	void drop(WebhookMessage message) {
		this.store.remove(message.id());
	}

	/** Dead-letters a claimed message without an attempt (its endpoint is disabled). */
	void deadLetter(WebhookMessage message, String owner, String error) {
		Instant now = this.clock.instant();
		this.store.settle(message, owner,
				new Update().set("status", WebhookMessage.FAILED).set("lastError", error).set("updatedAt", now));
	}

	/** What an attempt came to. */
	enum Outcome {

		DELIVERED, RETRYING, DEAD, LOST_LEASE

	}

	/**
	 * Records an attempt: {@code statusCode} is the answer (null when none came, with
	 * {@code error}); 2xx is delivered, anything else is retried after the schedule's
	 * next wait, or dead-lettered when the schedule is used up.
	 */
	Outcome settle(WebhookMessage message, String owner, Integer statusCode, String error, long latencyMs) {
		Instant now = this.clock.instant();
		int attempt = message.attempts() + 1;
		boolean delivered = statusCode != null && statusCode >= 200 && statusCode < 300;
		String failure = delivered ? null : (error != null) ? error : "HTTP " + statusCode;
		this.store.record(new Attempt(message.id() + ":" + message.round() + ":" + attempt, message.tenantId(),
				message.environment(), message.endpointId(), message.id(), message.eventType(), message.round(),
				attempt, now, statusCode, latencyMs, delivered ? null : failure, delivered, owner));
		Update update = new Update().set("attempts", attempt).set("updatedAt", now).set("lastStatusCode", statusCode);
		Outcome outcome;
		if (delivered) {
			update.set("status", WebhookMessage.DELIVERED).set("deliveredAt", now).unset("lastError");
			outcome = Outcome.DELIVERED;
		}
		else if (attempt >= this.properties.maxAttempts()) {
			update.set("status", WebhookMessage.FAILED).set("lastError", failure);
			outcome = Outcome.DEAD;
		}
		else {
			update.set("lastError", failure).set("nextAttemptAt", now.plus(wait(attempt)));
			outcome = Outcome.RETRYING;
		}
		return this.store.settle(message, owner, update) ? outcome : Outcome.LOST_LEASE;
	}

	/** The wait after failed attempt {@code attempt}, give or take a tenth. */
	private Duration wait(int attempt) {
		Duration wait = this.properties.retrySchedule().get(attempt - 1);
		long jitter = wait.toMillis() / 10;
		return (jitter == 0) ? wait : wait.plusMillis(ThreadLocalRandom.current().nextLong(-jitter, jitter + 1));
	}

	/** Dead-letters what the endpoint still had to receive (it was disabled). */
	void failPending(long endpointId, String error) {
		this.store.failPending(endpointId, error, this.clock.instant());
	}

	WebhookMessage require(TenantScope scope, long id) {
		return this.store.find(scope, id).orElseThrow(ApiException::notFound);
	}

	List<WebhookMessage> list(TenantScope scope, Long endpointId, String status, String eventType, long offset,
			int limit) {
		return this.store.list(scope, endpointId, status, eventType, offset, limit);
	}

	long count(TenantScope scope, Long endpointId, String status, String eventType) {
		return this.store.count(scope, endpointId, status, eventType);
	}

	List<Attempt> attempts(TenantScope scope, Long endpointId, Long messageId, long offset, int limit) {
		return this.store.attempts(scope, endpointId, messageId, offset, limit);
	}

	long countAttempts(TenantScope scope, Long endpointId, Long messageId) {
		return this.store.countAttempts(scope, endpointId, messageId);
	}

	/** Sends a message again (409 while it is still pending). */
	WebhookMessage replay(TenantScope scope, long id) {
		require(scope, id);
		if (!this.store.replay(scope, id, this.clock.instant())) {
			throw ApiException.conflict(ErrorCodes.INVALID_STATE,
					"The message is still waiting to be delivered: it can be replayed once delivered or failed");
		}
		return require(scope, id);
	}

	/**
	 * Replays the endpoint's dead messages since {@code since}: how many, and whether
	 * more wait.
	 */
	record Replayed(int replayed, boolean more) {
	}

	Replayed replayFailed(TenantScope scope, long endpointId, Instant since) {
		int replayed = this.store.replayFailed(scope, endpointId, since, REPLAY_LIMIT, this.clock.instant());
		return new Replayed(replayed, replayed == REPLAY_LIMIT);
	}

	@EventListener
	void removed(EndpointRemoved removed) {
		this.store.removeEndpoint(removed.endpointId());
	}

	/** Finished messages and the delivery log are kept for the retention period. */
	@Scheduled(fixedDelayString = "${leadwire.webhooks.purge-interval:1h}",
			initialDelayString = "${leadwire.webhooks.purge-interval:1h}")
	void purge() {
		this.store.purge(this.clock.instant().minus(this.properties.retention()));
	}

}
