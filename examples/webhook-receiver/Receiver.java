// A webhook receiver for Leadwire (docs/webhooks.md), with nothing but the JDK (17+):
//
//   WEBHOOK_SECRET=whsec_... PORT=4567 java Receiver.java
//
// It checks every delivery as the Standard Webhooks specification says (signature over
// "<webhook-id>.<webhook-timestamp>.<raw body>", timestamp within five minutes, any of the
// signatures matching: during a secret rotation Leadwire sends two), answers 401 to anything
// else, answers a webhook-id it has seen again with 204 without handling it twice, and prints
// one line per delivery. WEBHOOK_SECRET may list several secrets separated by commas.
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class Receiver {

	static final long TOLERANCE_SECONDS = 300;

	static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]+)\"");

	/** webhook-ids already handled (a retry of a delivery we answered too slowly). */
	static final Set<String> SEEN = Collections.newSetFromMap(new LinkedHashMap<>() {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
			return size() > 100_000;
		}
	});

	public static void main(String[] args) throws IOException {
		String secrets = System.getenv("WEBHOOK_SECRET");
		if (secrets == null || secrets.isBlank()) {
			System.err.println("Set WEBHOOK_SECRET to the endpoint's signing secret (whsec_...)");
			System.exit(2);
		}
		int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "4567"));
		HttpServer server = HttpServer.create(new InetSocketAddress(port), 100);
		server.createContext("/", (exchange) -> handle(exchange, secrets.split(",")));
		server.start();
		System.out.println("listening on " + port);
	}

	static void handle(HttpExchange exchange, String[] secrets) throws IOException {
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		String id = exchange.getRequestHeaders().getFirst("webhook-id");
		String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
		String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
		String problem = check(secrets, id, timestamp, signatures, body);
		if (problem != null) {
			System.out.println("rejected " + id + ": " + problem);
			answer(exchange, 401);
			return;
		}
		boolean first;
		synchronized (SEEN) {
			first = SEEN.add(id);
		}
		if (first) {
			// Handle it here: queue it for your own work and answer at once (Leadwire waits
			// at most 10 s, then retries).
			String json = new String(body, StandardCharsets.UTF_8);
			Matcher type = TYPE.matcher(json);
			System.out.println("verified " + id + " " + (type.find() ? type.group(1) : "?") + " " + json);
		}
		answer(exchange, 204);
	}

	/** Why the delivery is not Leadwire's, or null when it is. */
	static String check(String[] secrets, String id, String timestamp, String signatures, byte[] body) {
		if (id == null || timestamp == null || signatures == null) {
			return "missing webhook-id, webhook-timestamp or webhook-signature";
		}
		long sent;
		try {
			sent = Long.parseLong(timestamp);
		}
		catch (NumberFormatException ex) {
			return "bad timestamp";
		}
		if (Math.abs(Instant.now().getEpochSecond() - sent) > TOLERANCE_SECONDS) {
			return "timestamp too far from now (a replayed request?)";
		}
		byte[] signed = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
		for (String secret : secrets) {
			byte[] expected = hmac(secret.trim(), signed, body);
			for (String signature : signatures.split(" ")) {
				int comma = signature.indexOf(',');
				if (comma > 0 && signature.substring(0, comma).equals("v1")) {
					byte[] given;
					try {
						given = Base64.getDecoder().decode(signature.substring(comma + 1));
					}
					catch (IllegalArgumentException ex) {
						continue;
					}
					if (MessageDigest.isEqual(expected, given)) {
						return null;
					}
				}
			}
		}
		return "no signature matches";
	}

	static byte[] hmac(String secret, byte[] prefix, byte[] body) {
		try {
			String key = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA256"));
			mac.update(prefix);
			return mac.doFinal(body);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static void answer(HttpExchange exchange, int status) throws IOException {
		exchange.sendResponseHeaders(status, -1);
		exchange.close();
	}

}
