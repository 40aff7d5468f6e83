package io.leadwire.webhooks.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.leadwire.common.concurrent.DaemonThreads;
import io.leadwire.common.id.IdCodec;
import io.leadwire.common.job.JobLeases;
import io.leadwire.common.net.AddressGuard;
import io.leadwire.webhooks.WebhookProperties;
import io.leadwire.webhooks.endpoint.Endpoint;
import io.leadwire.webhooks.endpoint.Endpoints;
import io.leadwire.webhooks.endpoint.Signatures;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Delivers webhook messages (docs/webhooks.md, "Delivery"). One thread reads the messages
 * due longest ({@value #CLAIM_BATCH} at a time), claims those within the shares (a lease
 * each, so one replica sends a message at a time) and starts their requests; the requests
 * run on a few event-loop threads without blocking, and their outcomes are written by a
 * small pool off those threads.
 * <p>
 * Fairness: at most {@code in-flight} requests at once on this replica, at most
 * {@code tenant-in-flight} of them for one tenant and {@code endpoint-in-flight} to one
 * endpoint; a claim passes over the tenants and endpoints at their share. A tenant whose
 * endpoint is slow or dead therefore holds only its share while it waits out the short
 * timeout, and other tenants' messages go past it. Messages of one resource go in order
 * ({@link Deliveries#blockedBy}).
 */
@Component
public class Dispatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

	/** Due messages read per scan, then claimed one by one within the shares. */
	static final int CLAIM_BATCH = 64;

	private static final String USER_AGENT = "Leadwire-Webhooks/1.0 (+https://leadwire.io/docs/webhooks)";

	private final Deliveries deliveries;

	private final Endpoints endpoints;

	private final WebhookProperties properties;

	private final String owner = JobLeases.replicaId();

	private final LoopResources loops = LoopResources.create("webhook-http", 2, true);

	private final ConnectionProvider connections;

	private final GuardedResolverGroup resolver;

	private final HttpClient http;

	private final ScheduledExecutorService claims = Executors
		.newSingleThreadScheduledExecutor(DaemonThreads.named("webhook-claims"));

	private final ExecutorService outcomes = Executors.newFixedThreadPool(4, DaemonThreads.named("webhook-outcomes"));

	private final AtomicBoolean nudged = new AtomicBoolean();

	/** In flight on this replica, by tenant and by endpoint (guarded by this). */
	private final Map<Long, Integer> byTenant = new HashMap<>();

	private final Map<Long, Integer> byEndpoint = new HashMap<>();

	private int inFlight;

	private final Timer latency;

	private final MeterRegistry meters;

	private volatile boolean running;

	private final IdCodec ids;

	Dispatcher(Deliveries deliveries, Endpoints endpoints, WebhookProperties properties, IdCodec ids,
			MeterRegistry meters) {
		this.ids = ids;
		this.meters = meters;
		this.deliveries = deliveries;
		this.endpoints = endpoints;
		this.properties = properties;
		this.connections = ConnectionProvider.builder("webhooks")
			// Per remote address: endpoints of many tenants may share a host (an
			// integration
			// platform's), so the pool holds as many as may be in flight; the share of
			// one
			// endpoint is kept by the claims.
			.maxConnections(properties.inFlight())
			.pendingAcquireMaxCount(-1)
			.maxIdleTime(Duration.ofSeconds(30))
			.build();
		this.resolver = new GuardedResolverGroup(properties.testHosts());
		this.http = HttpClient.create(this.connections)
			.runOn(this.loops, false)
			.resolver(this.resolver)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
			.responseTimeout(properties.timeout())
			.followRedirect(false)
			.headers((headers) -> headers.set("User-Agent", USER_AGENT).set("Content-Type", "application/json"));
		this.latency = Timer.builder("leadwire.webhooks.attempt")
			.description("Webhook delivery attempts, from request to answer")
			.register(meters);
		io.micrometer.core.instrument.Gauge.builder("leadwire.webhooks.in_flight", this, Dispatcher::inFlight)
			.description("Webhook requests in flight on this replica")
			.register(meters);
	}

	/** New messages were filed, or a delivery ended: claim more now. */
	public void nudge() {
		if (this.running && this.nudged.compareAndSet(false, true)) {
			this.claims.execute(this::fill);
		}
	}

	private void fill() {
		this.nudged.set(false);
		try {
			while (this.running) {
				Set<Long> busyTenants;
				Set<Long> busyEndpoints;
				synchronized (this) {
					if (this.inFlight >= this.properties.inFlight()) {
						return;
					}
					busyTenants = atShare(this.byTenant, this.properties.tenantInFlight());
					busyEndpoints = atShare(this.byEndpoint, this.properties.endpointInFlight());
				}
				List<MessageStore.Candidate> due = this.deliveries.due(busyTenants, busyEndpoints, CLAIM_BATCH);
				int started = 0;
				// One read of each endpoint per round, however many of its messages it
				// claims.
				Map<Long, Optional<Endpoint>> endpointsOfRound = new HashMap<>();
				for (MessageStore.Candidate candidate : due) {
					if (!reserve(candidate.tenantId(), candidate.endpointId())) {
						continue;
					}
					WebhookMessage message = this.deliveries.claim(candidate.id(), this.owner);
					if (message == null) {
						release(candidate.tenantId(), candidate.endpointId());
						continue;
					}
					started++;
					try {
						start(message,
								endpointsOfRound.computeIfAbsent(message.endpointId(), this.endpoints::forDelivery));
					}
					catch (RuntimeException ex) {
						log.warn("Starting webhook message {} failed; it is retried: {}", message.id(), ex.toString());
						end(message);
					}
				}
				if (started == 0) {
					return;
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Claiming webhook messages failed: {}", ex.toString());
		}
	}

	private void start(WebhookMessage message, Optional<Endpoint> found) {
		if (found.isEmpty()) {
			this.deliveries.drop(message);
			end(message);
			return;
		}
		Endpoint endpoint = found.get();
		if (!endpoint.enabled()) {
			this.deliveries.deadLetter(message, this.owner, "endpoint_disabled");
			end(message);
			return;
		}
		WebhookMessage blocker = this.deliveries.blockedBy(message);
		if (blocker != null) {
			Instant soonest = Instant.now().plusMillis(200);
			this.deliveries.postpone(message, this.owner,
					blocker.nextAttemptAt().isAfter(soonest) ? blocker.nextAttemptAt() : soonest);
			end(message);
			return;
		}
		byte[] body = message.payload().getBytes(StandardCharsets.UTF_8);
		long timestamp = Instant.now().getEpochSecond();
		String webhookId = this.ids.encode(message.id());
		String signature = Signatures.header(this.endpoints.signingSecrets(endpoint), webhookId, timestamp, body);
		long started = System.nanoTime();
		this.http.post().uri(endpoint.url()).send((request, out) -> {
			request.header("webhook-id", webhookId)
				.header("webhook-timestamp", Long.toString(timestamp))
				.header("webhook-signature", signature);
			return out.sendByteArray(Mono.just(body));
		})
			// The answer's body is read and dropped: only its status counts.
			.response((response, content) -> content.then(Mono.just(response.status().code())))
			.next()
			.timeout(this.properties.timeout())
			.subscribe((status) -> settled(message, endpoint, status, null, started),
					(error) -> settled(message, endpoint, null, describe(error), started));
	}

	private void settled(WebhookMessage message, Endpoint endpoint, Integer status, String error, long started) {
		long nanos = System.nanoTime() - started;
		this.latency.record(nanos, TimeUnit.NANOSECONDS);
		this.outcomes.execute(() -> {
			try {
				Deliveries.Outcome outcome = this.deliveries.settle(message, this.owner, status, error,
						TimeUnit.NANOSECONDS.toMillis(nanos));
				this.meters
					.counter("leadwire.webhooks.attempts", "outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
					.increment();
				if (outcome == Deliveries.Outcome.DELIVERED) {
					this.endpoints.healthy(endpoint);
				}
				else if (outcome != Deliveries.Outcome.LOST_LEASE) {
					this.endpoints.failing(endpoint, Instant.now());
				}
				if (outcome == Deliveries.Outcome.DEAD) {
					disableIfFailingTooLong(endpoint, (error != null) ? error : "HTTP " + status);
				}
			}
			catch (RuntimeException ex) {
				log.warn("Recording webhook message {}'s attempt failed; its lease runs out and it is tried again: {}",
						message.id(), ex.toString());
			}
			finally {
				end(message);
			}
		});
	}

	/**
	 * A message was dead-lettered: if every delivery to its endpoint has failed for
	 * {@code disable-after}, the endpoint is disabled (with an event) and what it still
	 * had to receive is dead-lettered too, to replay once it is enabled again.
	 */
	private void disableIfFailingTooLong(Endpoint endpoint, String lastError) {
		Instant since = endpoint.failingSince();
		if (since == null || since.isAfter(Instant.now().minus(this.properties.disableAfter()))) {
			return;
		}
		String reason = "Every delivery failed since " + since + " (last: " + lastError + ")";
		if (this.endpoints.disable(endpoint, reason)) {
			log.info("Webhook endpoint {} of tenant {} disabled: {}", endpoint.id(), endpoint.tenantId(), reason);
			this.deliveries.failPending(endpoint.id(), "endpoint_disabled");
		}
	}

	static String describe(Throwable error) {
		Throwable cause = error;
		while (cause.getCause() != null && cause.getCause() != cause) {
			if (cause instanceof AddressGuard.BlockedAddressException) {
				break;
			}
			cause = cause.getCause();
		}
		if (error instanceof TimeoutException || cause instanceof TimeoutException
				|| cause.getClass().getSimpleName().contains("Timeout")) {
			return "timeout";
		}
		if (cause instanceof AddressGuard.BlockedAddressException) {
			return "blocked_address: the host resolves to an address that is not public";
		}
		if (cause instanceof java.net.ConnectException || cause.getClass().getSimpleName().contains("Connect")) {
			return "connection_failed";
		}
		if (cause instanceof java.net.UnknownHostException) {
			return "unknown_host";
		}
		String text = cause.getClass().getSimpleName();
		return (text.length() > 200) ? text.substring(0, 200) : text;
	}

	/**
	 * Takes a place for a message of this tenant and endpoint if the replica, the tenant
	 * and the endpoint all have one left.
	 */
	private synchronized boolean reserve(long tenantId, long endpointId) {
		if (this.inFlight >= this.properties.inFlight()
				|| this.byTenant.getOrDefault(tenantId, 0) >= this.properties.tenantInFlight()
				|| this.byEndpoint.getOrDefault(endpointId, 0) >= this.properties.endpointInFlight()) {
			return false;
		}
		this.inFlight++;
		this.byTenant.merge(tenantId, 1, Integer::sum);
		this.byEndpoint.merge(endpointId, 1, Integer::sum);
		return true;
	}

	private synchronized void release(long tenantId, long endpointId) {
		this.inFlight--;
		this.byTenant.computeIfPresent(tenantId, (k, v) -> (v <= 1) ? null : v - 1);
		this.byEndpoint.computeIfPresent(endpointId, (k, v) -> (v <= 1) ? null : v - 1);
	}

	private void end(WebhookMessage message) {
		release(message.tenantId(), message.endpointId());
		nudge();
	}

	private static Set<Long> atShare(Map<Long, Integer> counts, int share) {
		Set<Long> full = new java.util.HashSet<>();
		counts.forEach((key, count) -> {
			if (count >= share) {
				full.add(key);
			}
		});
		return full;
	}

	@Override
	public void start() {
		this.running = true;
		long poll = this.properties.pollInterval().toMillis();
		this.claims.scheduleWithFixedDelay(this::fill, poll, poll, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		this.running = false;
		this.claims.shutdownNow();
		this.outcomes.shutdown();
		try {
			this.outcomes.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.connections.dispose();
		this.resolver.close();
		this.loops.dispose();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Requests in flight on this replica (a gauge). */
	synchronized int inFlight() {
		return this.inFlight;
	}

}
