package io.leadwire.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A customer's webhook receiver, on loopback (a third party: the only thing stubbed).
 * Each path behaves as a test sets it ({@link #answer}: a status, a delay, a number of
 * failures before it succeeds) and every request is kept with whether its signature
 * verifies, checked as the Standard Webhooks specification tells receivers to:
 * HMAC-SHA256 over {@code id.timestamp.body} with the secret's base64-decoded bytes, any
 * of the space-separated {@code v1,} signatures matching, a timestamp within five
 * minutes.
 */
public final class WebhookReceiver implements AutoCloseable {

	/** A request as it came, and whether each secret verified it. */
	public record Delivery(String path, String id, String timestamp, String signature, String body, Instant receivedAt,
			int answered, Map<String, Boolean> verifiedBy) {

		public boolean verifiedWith(String secret) {
			return Boolean.TRUE.equals(this.verifiedBy.get(secret));
		}

	}

	/**
	 * How a path answers: {@code failures} times {@code failStatus}, then {@code status}.
	 */
	public record Behaviour(int status, Duration delay, int failures, int failStatus, String location) {

		public Behaviour(int status, Duration delay, int failures, int failStatus) {
			this(status, delay, failures, failStatus, null);
		}

	}

	private final HttpServer server;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

	private final List<Delivery> deliveries = java.util.Collections.synchronizedList(new ArrayList<>());

	private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> failed = new ConcurrentHashMap<>();

	private final List<String> secrets = new java.util.concurrent.CopyOnWriteArrayList<>();

	private WebhookReceiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
		this.server.setExecutor(this.threads);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	public static WebhookReceiver start() throws IOException {
		return new WebhookReceiver();
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/** Secrets every delivery is checked against (each result is kept). */
	public void trust(String secret) {
		this.secrets.add(secret);
	}

	public void answer(String path, Behaviour behaviour) {
		this.behaviours.put(path, behaviour);
		this.failed.remove(path);
	}

	public List<Delivery> deliveries(String path) {
		synchronized (this.deliveries) {
			return this.deliveries.stream().filter((d) -> d.path().equals(path)).toList();
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		Instant received = Instant.now();
		String path = exchange.getRequestURI().getPath();
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		String id = exchange.getRequestHeaders().getFirst("webhook-id");
		String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
		String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
		Map<String, Boolean> verified = new java.util.LinkedHashMap<>();
		for (String secret : this.secrets) {
			verified.put(secret, verifies(secret, id, timestamp, signature, body));
		}
		Behaviour behaviour = this.behaviours.getOrDefault(path, new Behaviour(204, Duration.ZERO, 0, 500));
		int status = behaviour.status();
		if (this.failed.computeIfAbsent(path, (p) -> new AtomicInteger()).getAndIncrement() < behaviour.failures()) {
			status = behaviour.failStatus();
		}
		this.deliveries.add(new Delivery(path, id, timestamp, signature, new String(body, StandardCharsets.UTF_8),
				received, status, verified));
		if (behaviour.location() != null) {
			exchange.getResponseHeaders().set("Location", behaviour.location());
		}
		int answer = status;
		if (behaviour.delay().isZero()) {
			respond(exchange, answer);
		}
		else {
			// A slow receiver: the answer goes later, from a scheduler, no thread held.
			this.later.schedule(() -> respond(exchange, answer), behaviour.delay().toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private static void respond(HttpExchange exchange, int status) {
		try {
			exchange.sendResponseHeaders(status, -1);
		}
		catch (IOException ex) {
			// The sender gave up (its timeout): nothing to answer.
		}
		finally {
			exchange.close();
		}
	}

	/** The Standard Webhooks check, written from the specification. */
	static boolean verifies(String secret, String id, String timestamp, String header, byte[] body) {
		if (id == null || timestamp == null || header == null) {
			return false;
		}
		try {
			long sent = Long.parseLong(timestamp);
			if (Math.abs(Instant.now().getEpochSecond() - sent) > 300) {
				return false;
			}
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
			byte[] expected = mac.doFinal((id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8))
				.getBytes(StandardCharsets.UTF_8));
			for (String part : header.split(" ")) {
				String[] versioned = part.split(",", 2);
				if (versioned.length == 2 && versioned[0].equals("v1")
						&& MessageDigest.isEqual(expected, Base64.getDecoder().decode(versioned[1]))) {
					return true;
				}
			}
			return false;
		}
		catch (Exception ex) {
			return false;
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.later.shutdownNow();
		this.threads.shutdownNow();
	}

}
