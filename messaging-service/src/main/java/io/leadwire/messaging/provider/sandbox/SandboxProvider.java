package io.leadwire.messaging.provider.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.leadwire.common.id.RandomUuids;
import io.leadwire.messaging.provider.Capabilities;
import io.leadwire.messaging.provider.MessageType;
import io.leadwire.messaging.provider.MessagingProvider;
import io.leadwire.messaging.provider.OutboundMessage;
import io.leadwire.messaging.provider.ProviderException;
import io.leadwire.messaging.provider.ProviderSession;
import io.leadwire.messaging.provider.waha.WahaPayloads;
import tools.jackson.databind.ObjectMapper;

/**
 * A provider that sends nothing anywhere (test keys, and the local platform by default),
 * and behaves like one. Sessions are {@code WORKING} at once and play WAHA (one phone:
 * one send at a time) or, created as {@code cloud}, a Cloud API number (concurrent sends
 * up to its throughput tier, {@code cloudThroughput} a second; past it Meta's
 * {@code 130429}). Every call takes a provider's time ({@link SandboxLatency}: send,
 * lookup and number check each their own p50/p99). A send is kept ({@link SandboxStore})
 * with the exact request WAHA would have received, and answered with a WAHA-shaped id;
 * its acks then come back as WAHA would send them — {@code message.ack} webhooks signed
 * with the session's HMAC secret, posted to this service's own webhook endpoint — so
 * statuses run through the same path as a real provider's: SERVER after 100 ms, DEVICE
 * (delivered) after {@code deliveredAfter}, READ after {@code readAfter}.
 * <p>
 * Every number succeeds but a few reserved ones, as a payment provider's test cards
 * (docs/messaging-service.md): a number ending in {@value #NOT_ON_WHATSAPP} is not on
 * WhatsApp (its ack is ERROR; number checks say so), one ending in {@value #REFUSED} is
 * refused at once, one ending in {@value #TIMEOUT_AFTER_RECEIPT} times out after the
 * sandbox received it (every time; reconciliation finds it), and the first send of a
 * message to one ending in {@value #TIMEOUT_BEFORE_RECEIPT} times out before it arrived
 * (reconciliation finds nothing, and the second send goes through). {@code failureRate}
 * fails others at random, {@code timeoutRate} times out a share after receipt.
 */
public final class SandboxProvider implements MessagingProvider {

	/** Numbers ending so are not on WhatsApp. */
	public static final String NOT_ON_WHATSAPP = "9990";

	/** Numbers ending so are refused by the provider at once. */
	public static final String REFUSED = "9991";

	/** Numbers ending so time out after the sandbox received the message. */
	public static final String TIMEOUT_AFTER_RECEIPT = "5555";

	/** Numbers ending so time out before the first send of a message arrived. */
	public static final String TIMEOUT_BEFORE_RECEIPT = "5656";

	private static final Logger log = LoggerFactory.getLogger(SandboxProvider.class);

	private final SandboxStore store;

	private final ObjectMapper json;

	private final IntSupplier port;

	private final Settings settings;

	private volatile double timeoutRate;

	private volatile SandboxLatency sendLatency;

	/** Messages whose first send was lost on the way (numbers ending in 5656). */
	private final Cache<Long, Boolean> lostOnce = Caffeine.newBuilder().maximumSize(100_000).build();

	/** A WAHA-like session's phone: one send at a time. */
	private final Cache<String, ReentrantLock> phones = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofMinutes(10))
		.build();

	/** A Cloud-like session's sends in the current second. */
	private final Cache<String, long[]> throughput = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofMinutes(10))
		.build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final int POSTS_IN_FLIGHT = 32;

	private final java.util.concurrent.Semaphore posts = new java.util.concurrent.Semaphore(POSTS_IN_FLIGHT);

	private final ScheduledExecutorService acks = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("sandbox-acks").daemon().factory());

	/**
	 * How the sandbox behaves.
	 *
	 * @param cloudThroughput a Cloud-like session's sends a second (Meta's default tier:
	 * 80; 1,000 once upgraded)
	 */
	public record Settings(Duration deliveredAfter, Duration readAfter, double failureRate, SandboxLatency send,
			SandboxLatency lookup, SandboxLatency check, int cloudThroughput) {

		public Settings {
			if (cloudThroughput < 1) {
				throw new IllegalArgumentException("cloudThroughput must be at least 1, got " + cloudThroughput);
			}
		}

	}

	public SandboxProvider(SandboxStore store, ObjectMapper json, IntSupplier port, Settings settings) {
		this.store = store;
		this.json = json;
		this.port = port;
		this.settings = settings;
		this.sendLatency = settings.send();
	}

	/** How long a send takes from now on (tests and drills change it at run time). */
	public void sendLatency(SandboxLatency latency) {
		this.sendLatency = latency;
	}

	/** The share of sends that time out after being received (0 by default). */
	public void timeoutRate(double rate) {
		this.timeoutRate = rate;
	}

	@Override
	public java.util.Optional<String> lookup(OutboundMessage message, java.time.Instant since) {
		this.settings.lookup().await();
		return this.store.received(message.ref().messageId());
	}

	/** Its record is written before it answers (or times out). */
	@Override
	public Duration lookupAfter() {
		return Duration.ofMillis(50);
	}

	@Override
	public String name() {
		return "sandbox";
	}

	@Override
	public Capabilities capabilities() {
		Map<MessageType, String> unsupported = new EnumMap<>(MessageType.class);
		unsupported.put(MessageType.TEMPLATE,
				"templates are Meta's (Cloud API sessions); the sandbox stands in for WAHA");
		// It sends nothing anywhere: its limit is the send slot's resolution (one a
		// millisecond), so test-mode campaigns can rehearse any rate.
		return new Capabilities(unsupported, true, 60_000, false, true, 1);
	}

	@Override
	public ProviderSession create(String providerSession, String webhookUrl, String webhookSecret) {
		return create(providerSession, webhookUrl, webhookSecret, Map.of());
	}

	/**
	 * {@code account.provider}: the provider the session plays ({@code cloud}, else
	 * WAHA).
	 */
	@Override
	public ProviderSession create(String providerSession, String webhookUrl, String webhookSecret,
			Map<String, String> account) {
		this.store.saveSession(providerSession, webhookSecret, SandboxSession.Profile.of(account.get("provider")));
		return new ProviderSession("WORKING", null, null);
	}

	/** A WAHA-like session sends one at a time; a Cloud-like one a second of its tier. */
	@Override
	public int maxInFlight(String providerSession) {
		return (this.store.session(providerSession).profile() == SandboxSession.Profile.CLOUD)
				? this.settings.cloudThroughput() : 1;
	}

	/**
	 * A session playing a Cloud number has Meta's customer window for campaigns (its
	 * single sends are not held to it: the sandbox rehearses any message).
	 */
	@Override
	public boolean customerWindow(String providerSession) {
		return this.store.session(providerSession).profile() == SandboxSession.Profile.CLOUD;
	}

	/** A session playing a Cloud number keeps Meta's pair rate. */
	@Override
	public Duration pairInterval(String providerSession) {
		return (this.store.session(providerSession).profile() == SandboxSession.Profile.CLOUD)
				? io.leadwire.messaging.provider.cloud.CloudProvider.PAIR_INTERVAL : Duration.ZERO;
	}

	@Override
	public ProviderSession status(String providerSession) {
		return new ProviderSession("WORKING", null, null);
	}

	@Override
	public void delete(String providerSession) {
		this.store.deleteSession(providerSession);
	}

	@Override
	public String send(OutboundMessage message) {
		SandboxSession session = this.store.session(message.providerSession());
		if (session.profile() == SandboxSession.Profile.CLOUD) {
			throttle(session);
			limit(session, message);
			return receive(message, session);
		}
		ReentrantLock phone = this.phones.get(session.name(), (name) -> new ReentrantLock(true));
		phone.lock();
		try {
			return receive(message, session);
		}
		finally {
			phone.unlock();
		}
	}

	/** Past its tier in the current second, a Cloud number refuses as Meta does. */
	private void throttle(SandboxSession session) {
		long second = System.currentTimeMillis() / 1000;
		long[] window = this.throughput.get(session.name(), (name) -> new long[2]);
		synchronized (window) {
			if (window[0] != second) {
				window[0] = second;
				window[1] = 0;
			}
			if (++window[1] > this.settings.cloudThroughput()) {
				throw ProviderException.throttled(
						"(#130429) Rate limit hit: more than " + this.settings.cloudThroughput()
								+ " messages a second (simulated Cloud API throughput)",
						"meta_130429", Duration.ofSeconds(1), false);
			}
		}
	}

	/**
	 * Meta's body for a template, as the mail trap shows it: without
	 * {@code biz_opaque_callback_data}, which carries our internal message id (Meta's
	 * business, never a customer's).
	 */
	private static Map<String, Object> cloudBody(OutboundMessage message) {
		Map<String, Object> body = new LinkedHashMap<>(
				io.leadwire.messaging.provider.cloud.CloudProvider.body(message));
		body.remove("biz_opaque_callback_data");
		return body;
	}

	/**
	 * Past its simulated messaging limit (distinct recipients in a moving 24 h), a Cloud
	 * number refuses a new recipient as Meta does.
	 */
	private void limit(SandboxSession session, OutboundMessage message) {
		if (session.messagingLimit() == null || message.ref() == null) {
			return;
		}
		long sessionId = message.ref().sessionId();
		Instant since = Instant.now().minus(Duration.ofHours(24));
		if (!this.store.receivedFrom(sessionId, message.to(), since)
				&& this.store.recipientsSince(sessionId, since, message.to()) >= session.messagingLimit()) {
			throw new ProviderException("(#131048) Spam rate limit hit: the number reached its messaging limit of "
					+ session.messagingLimit() + " recipients in 24 h (simulated)", false, "meta_131048");
		}
	}

	private String receive(OutboundMessage message, SandboxSession session) {
		this.sendLatency.await();
		if (message.to().endsWith(TIMEOUT_BEFORE_RECEIPT)
				&& this.lostOnce.asMap().putIfAbsent(message.ref().messageId(), true) == null) {
			throw new ProviderException(
					"the sandbox timed out before the message arrived (simulated: a number ending in "
							+ TIMEOUT_BEFORE_RECEIPT + ")",
					true, "timeout");
		}
		if (message.to().endsWith(REFUSED)) {
			throw new ProviderException(
					"the sandbox refused the message (simulated: a number ending in " + REFUSED + ")", false,
					"rejected");
		}
		// A template to a session playing a Cloud number is kept as Meta would receive
		// it;
		// anything else as WAHA would.
		WahaPayloads.Request request = (message.type() == io.leadwire.messaging.provider.MessageType.TEMPLATE
				&& session.profile() == SandboxSession.Profile.CLOUD)
						? new WahaPayloads.Request("/{phone-number-id}/messages", cloudBody(message))
						: WahaPayloads.of(message);
		String chatId = WahaPayloads.chatId(message.to());
		if (request.body().get("chatId") instanceof String given) {
			chatId = given;
		}
		String id = "true_" + chatId + "_" + RandomUuids.next().replace("-", "").substring(0, 20).toUpperCase();
		this.store.saveMessage(message, id, request);
		String secret = session.secret();
		boolean fails = message.to().endsWith(NOT_ON_WHATSAPP)
				|| ThreadLocalRandom.current().nextDouble() < this.settings.failureRate();
		ack(message.providerSession(), secret, id, chatId, 1, "SERVER", Duration.ofMillis(100));
		if (fails) {
			ack(message.providerSession(), secret, id, chatId, -1, "ERROR", this.settings.deliveredAfter());
		}
		else {
			ack(message.providerSession(), secret, id, chatId, 2, "DEVICE", this.settings.deliveredAfter());
			ack(message.providerSession(), secret, id, chatId, 3, "READ", this.settings.readAfter());
		}
		if (message.to().endsWith(TIMEOUT_AFTER_RECEIPT)
				|| ThreadLocalRandom.current().nextDouble() < this.timeoutRate) {
			throw new ProviderException("the sandbox timed out (simulated)", true, "timeout");
		}
		return id;
	}

	/**
	 * Deterministic, so tests and integrators can rely on it: a number ending in
	 * {@value #NOT_ON_WHATSAPP} is not on WhatsApp; any other is, at
	 * {@code <digits>@c.us} — except Brazilian mobile numbers ({@code +55}, area code,
	 * {@code 9} and eight digits), which are on it without the ninth digit, as WhatsApp
	 * registered numbers from before the ninth digit was added (WAHA's check-exists
	 * answers such a {@code chatId}).
	 */
	@Override
	public io.leadwire.messaging.provider.NumberCheck checkNumber(String providerSession, String e164) {
		this.settings.check().await();
		boolean exists = !e164.endsWith(NOT_ON_WHATSAPP);
		String chatId = WahaPayloads.chatId(e164);
		if (e164.matches("\\+55\\d{2}9\\d{8}")) {
			chatId = e164.substring(1, 5) + e164.substring(6) + "@c.us";
		}
		return new io.leadwire.messaging.provider.NumberCheck(exists, exists ? chatId : null);
	}

	private void ack(String session, String secret, String id, String chatId, int level, String name, Duration after) {
		this.acks.schedule(() -> post(session, secret, id, chatId, level, name), after.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	private void post(String session, String secret, String id, String chatId, int level, String name) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("id", id);
		payload.put("from", chatId);
		payload.put("participant", null);
		payload.put("fromMe", true);
		payload.put("ack", level);
		payload.put("ackName", name);
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("id", "evt_" + RandomUuids.next().replace("-", ""));
		event.put("timestamp", Instant.now().toEpochMilli());
		event.put("event", "message.ack");
		event.put("session", session);
		event.put("payload", payload);
		event.put("engine", "SANDBOX");
		byte[] body = this.json.writeValueAsBytes(event);
		String signature = io.leadwire.messaging.crypto.WebhookSignatures.hmacHex("HmacSHA512", secret, body);
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port.getAsInt() + "/v1/webhooks/waha"))
			.timeout(Duration.ofSeconds(5))
			.header("Content-Type", "application/json")
			.header("X-Webhook-Hmac", signature)
			.header("X-Webhook-Hmac-Algorithm", "sha512")
			.header("X-Webhook-Timestamp", Long.toString(Instant.now().toEpochMilli()))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		// Several acks on their way at once, as a provider posts them; at most
		// POSTS_IN_FLIGHT, so the acks wait here rather than swamp the service.
		this.posts.acquireUninterruptibly();
		this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
			.whenComplete((response, failure) -> {
				this.posts.release();
				if (failure != null) {
					log.warn("Sandbox ack {} for {} not delivered: {}", name, id, failure.toString());
				}
				else if (response.statusCode() >= 300) {
					log.warn("Sandbox ack {} for {} answered {}", name, id, response.statusCode());
				}
			});
	}

	public void close() {
		this.acks.shutdownNow();
	}

}
