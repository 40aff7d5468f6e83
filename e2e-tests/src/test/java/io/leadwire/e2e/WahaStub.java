package io.leadwire.e2e;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A WAHA server at the HTTP level, as the platform's WAHA adapter calls it (the calls
 * docs/messaging-service.md lists): a session starts in {@code SCAN_QR_CODE} with a QR
 * code (a real PNG) that changes on every fetch, as WAHA rotates it, until {@link #link}
 * plays the phone scanning it; sends answer after a phone's latency (150 ms) with WAHA's
 * message id, and are kept for the tests to read. It sends no webhooks: a message it took
 * stays {@code sent}.
 */
final class WahaStub implements AutoCloseable {

	private static final long SEND_LATENCY_MILLIS = 150;

	private final HttpServer server;

	private final Map<String, String> phoneBySession = new ConcurrentHashMap<>();

	private final AtomicInteger qrFetches = new AtomicInteger();

	private final List<Sent> sent = new CopyOnWriteArrayList<>();

	/** A send WAHA took: its endpoint and its JSON body. */
	record Sent(String path, String body) {
	}

	private WahaStub(HttpServer server) {
		this.server = server;
	}

	static WahaStub start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.setExecutor(Executors.newFixedThreadPool(4));
		WahaStub stub = new WahaStub(server);
		server.createContext("/api/", stub::handle);
		server.start();
		return stub;
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * The phone of {@code phoneDigits} scans the session's QR code: it works from now.
	 */
	void link(String providerSession, String phoneDigits) {
		this.phoneBySession.put(providerSession, phoneDigits);
	}

	/** The sessions WAHA has, by the names the platform gave them. */
	java.util.Set<String> sessions() {
		return java.util.Set.copyOf(this.phoneBySession.keySet());
	}

	List<Sent> sent() {
		return List.copyOf(this.sent);
	}

	int qrFetches() {
		return this.qrFetches.get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String method = exchange.getRequestMethod();
		String path = exchange.getRequestURI().getPath();
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		if (method.equals("POST") && path.startsWith("/api/send")) {
			// A phone's latency: answered later, without holding a server thread.
			this.sent.add(new Sent(path, body));
			String chat = body.replaceAll("(?s).*\"chatId\"\\s*:\\s*\"([^\"]+)\".*", "$1");
			String id = "true_" + chat + "_3EB0"
					+ Long.toHexString(System.nanoTime()).toUpperCase(java.util.Locale.ROOT);
			CompletableFuture.delayedExecutor(SEND_LATENCY_MILLIS, TimeUnit.MILLISECONDS)
				.execute(() -> answerAndClose(exchange, 201,
						"{\"id\":{\"fromMe\":true,\"remote\":\"" + chat + "\",\"_serialized\":\"" + id + "\"}}"));
			return;
		}
		if (method.equals("POST") && path.equals("/api/sessions")) {
			String name = body.replaceAll("(?s).*\"name\"\\s*:\\s*\"([^\"]+)\".*", "$1");
			this.phoneBySession.putIfAbsent(name, "");
			answerAndClose(exchange, 201, session(name));
		}
		else if (method.equals("GET") && path.startsWith("/api/sessions/")) {
			String name = path.substring("/api/sessions/".length());
			answerAndClose(exchange, this.phoneBySession.containsKey(name) ? 200 : 404,
					this.phoneBySession.containsKey(name) ? session(name) : "{\"message\":\"Session not found\"}");
		}
		else if (method.equals("DELETE") && path.startsWith("/api/sessions/")) {
			this.phoneBySession.remove(path.substring("/api/sessions/".length()));
			answerAndClose(exchange, 200, "{}");
		}
		else if (method.equals("GET") && path.endsWith("/auth/qr")) {
			answerAndClose(exchange, 200,
					"{\"mimetype\":\"image/png\",\"data\":\"" + qrPng(this.qrFetches.incrementAndGet()) + "\"}");
		}
		else if (method.equals("GET") && path.equals("/api/contacts/check-exists")) {
			String phone = exchange.getRequestURI().getQuery().replaceAll(".*phone=(\\d+).*", "$1");
			answerAndClose(exchange, 200, "{\"numberExists\":true,\"chatId\":\"" + phone + "@c.us\"}");
		}
		else {
			answerAndClose(exchange, 404, "{\"message\":\"not in this stub: " + method + " " + path + "\"}");
		}
	}

	private String session(String name) {
		String phone = this.phoneBySession.getOrDefault(name, "");
		return phone.isEmpty() ? "{\"name\":\"" + name + "\",\"status\":\"SCAN_QR_CODE\"}" : "{\"name\":\"" + name
				+ "\",\"status\":\"WORKING\",\"me\":{\"id\":\"" + phone + "@c.us\",\"pushName\":\"Shop\"}}";
	}

	/** A QR-like PNG (29 × 29 modules, 6 px each), different on every fetch. */
	private static String qrPng(int fetch) throws IOException {
		Random modules = new Random(fetch);
		BufferedImage image = new BufferedImage(29 * 6, 29 * 6, BufferedImage.TYPE_BYTE_BINARY);
		for (int y = 0; y < 29; y++) {
			for (int x = 0; x < 29; x++) {
				int colour = modules.nextBoolean() ? 0x000000 : 0xFFFFFF;
				for (int dy = 0; dy < 6; dy++) {
					for (int dx = 0; dx < 6; dx++) {
						image.setRGB(x * 6 + dx, y * 6 + dy, colour);
					}
				}
			}
		}
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		ImageIO.write(image, "png", png);
		return Base64.getEncoder().encodeToString(png.toByteArray());
	}

	private static void answerAndClose(HttpExchange exchange, int status, String json) {
		try (exchange) {
			byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, bytes.length);
			exchange.getResponseBody().write(bytes);
		}
		catch (IOException ex) {
			// The platform gave up waiting: as with a real WAHA, nothing more to do.
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
