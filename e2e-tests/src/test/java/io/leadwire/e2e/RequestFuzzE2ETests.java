package io.leadwire.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Generated malformed and careless requests to every public route, through the gateway
 * (issue 13): methods, content types, encodings, bodies, ids, header sizes, duplicate and
 * conflicting credentials. Every answer must be below 500, carry a request id, be the
 * envelope when it is an error, and hold no internal id and no key; the log scan in
 * {@link PublicIdAuditE2ETests} then checks every log line for the keys sent here.
 * <p>
 * Routes come from the gateway's route table
 * ({@code gateway/src/main/resources/application.yml}) and docs/api.md §7's prefixes, so
 * a new route is fuzzed without editing this suite. The generators below draw from one
 * seeded {@link Random} (jqwik's arbitraries cannot be driven outside jqwik's own engine,
 * which would run outside this suite's class order, after the log scan): CI runs a fixed
 * seed ({@value #DEFAULT_SEED}, {@value #DEFAULT_REQUESTS} requests); a larger random run
 * is
 * {@code ./mvnw -pl e2e-tests verify -Dtest=RequestFuzzE2ETests -Dfuzz.seed=$RANDOM -Dfuzz.requests=20000}.
 */
@Order(Integer.MAX_VALUE - 1)
class RequestFuzzE2ETests {

	static final long DEFAULT_SEED = 20261129L;

	static final int DEFAULT_REQUESTS = 1500;

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** {@code /v1} and docs/api.md §7's aliases of it. */
	static final List<String> PREFIXES = List.of("/v1", "/public/api/v1", "/public/api", "/api/v1", "/api");

	static final Pattern ID_FIELD = Pattern.compile("(?:id|_id|.*Id|.*_id)");

	static RunningPlatform platform;

	static String fuzzLive;

	static String fuzzTest;

	static String otherLive;

	static List<String> ids;

	static List<String> routes;

	@BeforeAll
	static void start() throws Exception {
		platform = RunningPlatform.get();
		JsonNode fuzz = platform.createTenant("Fuzz Target");
		fuzzLive = fuzz.get("liveKey").asString();
		fuzzTest = fuzz.get("testKey").asString();
		JsonNode other = platform.createTenant("Fuzz Neighbour");
		otherLive = other.get("liveKey").asString();
		String ownLead = platform.withKey(fuzzLive)
			.post("/v1/leads", Map.of("email", "fuzz@target.example"))
			.data()
			.get("id")
			.asString();
		String foreignLead = platform.withKey(otherLive)
			.post("/v1/leads", Map.of("email", "fuzz@neighbour.example"))
			.data()
			.get("id")
			.asString();
		ids = List.of(ownLead, foreignLead, fuzz.get("id").asString(), other.get("id").asString(),
				fuzz.get("ownerUserId").asString(), other.get("ownerUserId").asString());
		routes = routeTable(platform.platform().settings().projectDir());
	}

	/** Every Path predicate of the gateway's routes. */
	@SuppressWarnings("unchecked")
	static List<String> routeTable(Path project) throws IOException {
		Map<String, Object> yaml = new Yaml()
			.load(Files.readString(project.resolve("gateway/src/main/resources/application.yml")));
		Object node = yaml;
		for (String key : new String[] { "spring", "cloud", "gateway", "server", "webflux", "routes" }) {
			node = ((Map<String, Object>) node).get(key);
		}
		List<String> paths = new ArrayList<>();
		for (Map<String, Object> route : (List<Map<String, Object>>) node) {
			if (ApiReferenceE2ETests.isWebRoute(route)) {
				continue;
			}
			for (Object predicate : (List<Object>) route.get("predicates")) {
				String text = predicate.toString();
				if (text.startsWith("Path=")) {
					for (String path : text.substring(5).split(",")) {
						paths.add(path.trim());
					}
				}
			}
		}
		assertThat(paths).as("routes read from the route table").hasSizeGreaterThan(10);
		return paths;
	}

	@Test
	void generatedMalformedRequestsToEveryRouteAreAnswered4xxInTheEnvelopeWithoutLeaks() throws Exception {
		long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
		int count = Integer.getInteger("fuzz.requests", DEFAULT_REQUESTS);
		Random random = new Random(seed);
		Set<String> secrets = Set.of(fuzzLive, fuzzTest, otherLive);
		List<String> failures = new ArrayList<>();
		Map<Integer, Integer> statuses = new java.util.TreeMap<>();
		for (int i = 0; i < count && failures.size() < 10; i++) {
			FuzzRequest request = request(random);
			Answer answer;
			try {
				answer = send(request.bytes());
			}
			catch (IOException ex) {
				failures.add(describe(seed, i, request, "no answer: " + ex));
				continue;
			}
			statuses.merge(answer.status(), 1, Integer::sum);
			String problem = problem(request, answer, secrets);
			if (problem != null) {
				failures.add(describe(seed, i, request, problem + "\n" + answer.abbreviated()));
			}
		}
		LoggerFactory.getLogger(RequestFuzzE2ETests.class)
			.info("Fuzzed {} requests (seed {}) over {} routes: statuses {}", count, seed, routes.size(), statuses);
		if (!failures.isEmpty()) {
			fail(failures.size() + " requests broke the rules:\n" + String.join("\n\n", failures));
		}
		assertThat(statuses.keySet()).as("the generator reaches more than refusals").contains(200);
	}

	/** What is wrong with an answer, or null. */
	private static String problem(FuzzRequest request, Answer answer, Set<String> secrets) {
		if (answer.status() >= 500 || answer.status() < 100) {
			return "status " + answer.status();
		}
		if (answer.header("x-request-id") == null) {
			return "no X-Request-Id";
		}
		String everything = answer.head() + answer.body();
		for (String secret : secrets) {
			if (everything.contains(secret.substring(15))) {
				return "a key in the answer";
			}
		}
		if (everything.contains("Exception") || everything.contains("\tat io.") || everything.contains("at java.")) {
			return "a stack trace or exception name";
		}
		boolean json = answer.header("content-type") != null && answer.header("content-type").contains("json");
		if (answer.status() >= 400 && !request.method().equals("HEAD")) {
			if (!json) {
				return "an error that is not the JSON envelope";
			}
			try {
				JsonNode envelope = JSON.readTree(answer.body());
				if (envelope.path("success").asBoolean(true) || envelope.path("code").asString("").isBlank()
						|| envelope.path("meta").path("requestId").asString("").isBlank()) {
					return "an error without success:false, code and meta.requestId";
				}
			}
			catch (JacksonException ex) {
				return "an error body that is not JSON";
			}
		}
		if (json && !answer.body().isEmpty()) {
			try {
				String leak = internalId(JSON.readTree(answer.body()), "");
				if (leak != null) {
					return "an internal id at " + leak;
				}
			}
			catch (JacksonException ex) {
				return "a JSON content type with a body that is not JSON";
			}
		}
		return null;
	}

	/**
	 * The path of an id field holding a number (an id that escaped encoding), or null.
	 */
	private static String internalId(JsonNode node, String path) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				if (field.getKey().equals("customFields")) {
					continue;
				}
				String at = path + "." + field.getKey();
				JsonNode value = field.getValue();
				if (ID_FIELD.matcher(field.getKey()).matches() && value.isNumber()) {
					return at;
				}
				if (ID_FIELD.matcher(field.getKey().replaceAll("s$", "")).matches() && value.isArray()) {
					for (JsonNode item : value) {
						if (item.isNumber()) {
							return at;
						}
					}
				}
				String nested = internalId(value, at);
				if (nested != null) {
					return nested;
				}
			}
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				String nested = internalId(node.get(i), path + "[" + i + "]");
				if (nested != null) {
					return nested;
				}
			}
		}
		return null;
	}

	private static String describe(long seed, int index, FuzzRequest request, String problem) {
		String shown = new String(request.bytes(), StandardCharsets.ISO_8859_1);
		for (String secret : List.of(fuzzLive, fuzzTest, otherLive)) {
			shown = shown.replace(secret, secret.substring(0, 15) + "…");
		}
		return "#" + index + " (seed " + seed + "): " + problem + "\n  sent: "
				+ shown.substring(0, Math.min(600, shown.length())).replace("\r\n", "\\r\\n");
	}

	// --- generators: seeded, so a failure is reproduced by its seed and index ---

	record FuzzRequest(String method, byte[] bytes) {
	}

	/** Picks one of {@code choices}, each {@code weight} times as likely as weight 1. */
	@SafeVarargs
	static <T> T weighted(Random random, Weighted<T>... choices) {
		int total = 0;
		for (Weighted<T> choice : choices) {
			total += choice.weight();
		}
		int pick = random.nextInt(total);
		for (Weighted<T> choice : choices) {
			pick -= choice.weight();
			if (pick < 0) {
				return choice.value().apply(random);
			}
		}
		throw new IllegalStateException();
	}

	record Weighted<T>(int weight, java.util.function.Function<Random, T> value) {
	}

	static <T> Weighted<T> w(int weight, java.util.function.Function<Random, T> value) {
		return new Weighted<>(weight, value);
	}

	@SafeVarargs
	static <T> T pick(Random random, T... values) {
		return values[random.nextInt(values.length)];
	}

	static <T> T pick(Random random, List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	/**
	 * Text of up to {@code max} characters: ASCII, Latin, CJK, emoji, controls, quotes.
	 */
	static String text(Random random, int max) {
		int length = random.nextInt(max + 1);
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			int kind = random.nextInt(10);
			if (kind < 5) {
				text.append((char) (0x20 + random.nextInt(0x5f)));
			}
			else if (kind < 7) {
				text.append((char) (0xa0 + random.nextInt(0x160)));
			}
			else if (kind == 7) {
				text.append((char) (0x4e00 + random.nextInt(0x500)));
			}
			else if (kind == 8) {
				text.appendCodePoint(0x1f600 + random.nextInt(0x40));
			}
			else {
				text.append(pick(random, '\u0000', '\u0007', '"', '\\', '\n', '\u2028', '%', '&', '=', '{'));
			}
		}
		return text.toString();
	}

	static String alphanumeric(Random random, int length) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return text.toString();
	}

	static FuzzRequest request(Random random) {
		String method = weighted(random, w(6, (r) -> pick(r, "GET", "POST", "PUT", "PATCH", "DELETE")),
				w(1, (r) -> pick(r, "HEAD", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "FOO")));
		Credentials credentials = credentials(random);
		StringBuilder head = new StringBuilder();
		head.append(method)
			.append(' ')
			.append(path(random))
			.append(query(random))
			.append(credentials.query())
			.append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
		for (String header : credentials.headers()) {
			head.append(header).append("\r\n");
		}
		for (String header : headers(random)) {
			head.append(header).append("\r\n");
		}
		byte[] body = body(random);
		if (body != null) {
			head.append("Content-Length: ").append(body.length).append("\r\n");
		}
		head.append("Connection: close\r\n\r\n");
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
		if (body != null) {
			bytes.writeBytes(body);
		}
		return new FuzzRequest(method, bytes.toByteArray());
	}

	static String path(Random random) {
		StringBuilder path = new StringBuilder(
				pick(random, PREFIXES) + pick(random, routes).replace("/**", "").substring(3));
		int segments = weighted(random, w(8, (r) -> 0), w(7, (r) -> 1), w(3, (r) -> 2), w(2, (r) -> 3));
		for (int i = 0; i < segments; i++) {
			path.append('/').append(segment(random));
		}
		return path.toString();
	}

	static String segment(Random random) {
		return weighted(random,
				w(4, (r) -> pick(r, "import", "imports", "verify", "assign", "duplicates", "favorite", "groups",
						"regenerate", "revoke", "send", "sessions", "launch", "pause", "resume", "export",
						"bulk-delete", "bulk-assign-group", "ledger", "analytics", "recipients", "tenants", "opt-out",
						"list", "create", "get")),
				w(4, (r) -> pick(r, ids)), w(2, (r) -> Long.toString(r.nextInt(3_000_000))),
				w(2, (r) -> alphanumeric(r, 16)), w(2, (r) -> encode(text(r, 24))), w(1, (r) -> pick(r, "%00", "%zz",
						"..", "%2e%2e", "x;y=1", "%3B", "%C3", "%FF", "~", "a%2Fb", "*", "%20", "x".repeat(3000))));
	}

	static String query(Random random) {
		List<String> pairs = new ArrayList<>();
		for (int i = random.nextInt(4); i > 0; i--) {
			String name = pick(random, "limit", "page", "cursor", "q", "status", "sort", "assignedTo", "group_id",
					"phone", "mode", "region", "leadIds", "id", "format", "period", "_method");
			String value = weighted(random, w(3, (r) -> encode(text(r, 20))), w(2, (r) -> pick(r, ids)),
					w(2, (r) -> pick(r, "0", "-1", "1", "100", "101", "99999999999999999999", "1e400", "NaN", "", "%",
							"%zz", "%00", "WORKING", "new", "createdAt", "-score", "254712345678")));
			pairs.add(name + "=" + value);
		}
		return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
	}

	/** Credentials as sent: the right ones, none, wrong ones, and ambiguous mixes. */
	record Credentials(List<String> headers, String query) {
	}

	static Credentials credentials(Random random) {
		String key = "X-API-Key: ";
		return weighted(random, w(30, (r) -> new Credentials(List.of(key + fuzzLive), "")),
				w(2, (r) -> new Credentials(List.of(key + fuzzTest), "")),
				w(2, (r) -> new Credentials(List.of("Authorization: Bearer " + fuzzLive), "")),
				w(1, (r) -> new Credentials(List.of(), "")),
				w(1, (r) -> new Credentials(List.of(), "&api_key=" + fuzzLive)),
				w(1, (r) -> new Credentials(List.of(key + fuzzLive, key + otherLive), "")),
				w(1, (r) -> new Credentials(List.of(key + fuzzLive, "Authorization: Bearer " + otherLive), "")),
				w(1, (r) -> new Credentials(List.of(key + fuzzLive), "&api_key=" + otherLive)),
				w(1, (r) -> new Credentials(List.of(key + alphanumeric(r, r.nextInt(60))), "")),
				w(1, (r) -> new Credentials(List.of("x-api-key: lw_live_sk_0000000000000000000000000000000"), "")));
	}

	static List<String> headers(Random random) {
		List<String> headers = new ArrayList<>();
		if (random.nextInt(4) > 0) {
			headers.add("Content-Type: "
					+ weighted(random, w(12, (r) -> pick(r, "application/json", "application/json; charset=utf-8")),
							w(1, (r) -> pick(r, ";;;=", "*/*", "application/*", "text/plain", "multipart/form-data",
									"multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
									"application/json; charset=bogus", "a/b/c", "application/xml"))));
		}
		int extra = weighted(random, w(6, (r) -> 0), w(3, (r) -> 1), w(1, (r) -> 2));
		for (int i = 0; i < extra; i++) {
			headers
				.add(weighted(random, w(2, (r) -> "X-Company-Id: " + pick(r, ids)),
						w(1, (r) -> "companyid: " + pick(r, ids)), w(2, (r) -> "X-On-Behalf-Of: " + pick(r, ids)),
						w(3, (r) -> "Idempotency-Key: " + alphanumeric(r, 1 + r.nextInt(40))), w(1,
								(r) -> "X-HTTP-Method-Override: "
										+ pick(r, "PUT", "DELETE", "PATCH", "GET", "CONNECT", "bogus")),
						w(2, (r) -> "X-Request-Id: " + alphanumeric(r, 1 + r.nextInt(300))),
						w(2, (r) -> pick(r, "Accept: application/xml", "Accept: */*", "Accept: ;;",
								"Accept-Encoding: gzip, br, zstd", "Transfer-Encoding: identity",
								"Expect: 100-continue", "X-Leadwire-Context: v1.e30.AAAA",
								"X-Forwarded-For: 10.0.0.1, 127.0.0.1"))));
		}
		if (random.nextInt(40) == 0) {
			headers.add("X-Big: " + "b".repeat(10_000));
		}
		return headers;
	}

	static final List<String> FIELDS = List.of("name", "email", "phone", "website", "score", "status", "customFields",
			"custom_fields", "leadIds", "lead_ids", "assignedTo", "_method", "id", "ids", "groupId", "group_id",
			"contactIds", "environment", "key_name", "expiresAt", "rateLimitPerMinute", "plan", "ownerEmail",
			"sessionId", "session_id", "to", "type", "message", "role", "password");

	static Object scalar(Random random) {
		return weighted(random, w(4, (r) -> text(r, 40)), w(2, (r) -> pick(r, ids)),
				w(2, (r) -> pick(r, (Object) 0, -1, 101, Long.MAX_VALUE, 1000027L, 3.5, true, false, "254712345678",
						"+1-555-0199", "a@b.co", "https://example.com", "PUT", "live", "test", "owner",
						"x".repeat(5000))),
				w(1, (r) -> null));
	}

	static Object value(Random random, int depth) {
		if (depth > 2) {
			return scalar(random);
		}
		return weighted(random, w(6, (r) -> scalar(r)), w(1, (r) -> {
			List<Object> list = new ArrayList<>();
			for (int i = r.nextInt(4); i > 0; i--) {
				list.add(value(r, depth + 1));
			}
			return list;
		}), w(1, (r) -> object(r, depth + 1)));
	}

	static Map<String, Object> object(Random random, int depth) {
		Map<String, Object> object = new LinkedHashMap<>();
		for (int i = random.nextInt(6); i > 0; i--) {
			object.put(pick(random, FIELDS), value(random, depth));
		}
		return object;
	}

	/** A body, or null for none. */
	static byte[] body(Random random) {
		return weighted(random, w(3, (r) -> null), w(6, (r) -> JSON.writeValueAsBytes(object(r, 0))), w(3, (r) -> pick(
				r, "{", "[]", "\"text\"", "null", "{\"a\":", "[1,2", "{\"a\":1}}",
				"--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nphone\n1\r\n--x--",
				"{\"name\":\"\\u0000\"}", "{\"customFields\":{\"id\":\"CRM-42\"}}", "{\"leadIds\":[1000027]}")
			.getBytes(StandardCharsets.UTF_8)),
				w(1, (r) -> new byte[] { '{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' }));
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

	// --- the wire ---

	record Answer(int status, String head, String body) {

		String header(String name) {
			for (String line : this.head.split("\r\n")) {
				int colon = line.indexOf(':');
				if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
					return line.substring(colon + 1).trim();
				}
			}
			return null;
		}

		String abbreviated() {
			String all = this.head + "\r\n\r\n" + this.body;
			return "  got: " + all.substring(0, Math.min(800, all.length())).replace("\r\n", "\\r\\n");
		}

	}

	private static Answer send(byte[] request) throws IOException {
		String gateway = platform.gatewayUrl();
		int port = Integer.parseInt(gateway.substring(gateway.lastIndexOf(':') + 1));
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(30_000);
			try {
				socket.getOutputStream().write(request);
				socket.getOutputStream().flush();
			}
			catch (java.net.SocketException ex) {
				// Refused while still sending (a 431 closes early): read what was
				// answered.
			}
			byte[] all = readAll(socket.getInputStream());
			int end = indexOf(all, new byte[] { '\r', '\n', '\r', '\n' });
			while (end >= 0 && all.length > 10 && all[9] == '1') {
				// An interim answer (100 Continue): the final one follows it.
				all = java.util.Arrays.copyOfRange(all, end + 4, all.length);
				end = indexOf(all, new byte[] { '\r', '\n', '\r', '\n' });
			}
			String head = new String(all, 0, (end < 0) ? all.length : end, StandardCharsets.ISO_8859_1);
			if (!head.startsWith("HTTP/1.1 ") || end < 0) {
				return new Answer(-1, head, "");
			}
			byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
			if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
				body = dechunk(body);
			}
			return new Answer(Integer.parseInt(head.substring(9, 12)), head, new String(body, StandardCharsets.UTF_8));
		}
	}

	private static int indexOf(byte[] data, byte[] target) {
		outer: for (int i = 0; i <= data.length - target.length; i++) {
			for (int j = 0; j < target.length; j++) {
				if (data[i + j] != target[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				out.write(buffer, 0, read);
			}
		}
		catch (java.net.SocketException ex) {
			// A reset after the answer (the server closed while the request was still
			// being sent, as for a 431): keep what arrived.
			if (out.size() == 0) {
				throw ex;
			}
		}
		return out.toByteArray();
	}

	private static byte[] dechunk(byte[] chunked) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		int at = 0;
		while (at < chunked.length) {
			int lineEnd = indexOf(java.util.Arrays.copyOfRange(chunked, at, chunked.length), new byte[] { '\r', '\n' });
			if (lineEnd < 0) {
				break;
			}
			String sizeLine = new String(chunked, at, lineEnd, StandardCharsets.ISO_8859_1);
			int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
			if (size == 0) {
				break;
			}
			int from = at + lineEnd + 2;
			body.write(chunked, from, Math.min(size, chunked.length - from));
			at = from + size + 2;
		}
		return body.toByteArray();
	}

}
