package io.leadwire.campaign;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.RequestContext;
import io.leadwire.testing.TestSecrets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

/**
 * contacts-service and messaging-service as campaign-service's tests see them, stubbed
 * over HTTP by the contracts campaigns read (docs/contacts-recipients.md; messaging's
 * {@code GET /v1/sessions/{id}}), answered for the tenant of the signed context they are
 * asked with: a session or group a test gave another tenant is a 404. Counting is the
 * contract's arithmetic on the numbers as sent (no phone policy, no opt-outs). The
 * end-to-end suite runs the real services.
 */
public final class PeersStub implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final Map<Long, Set<Long>> SESSIONS = new ConcurrentHashMap<>();

	private static final Map<Long, Map<Long, Integer>> GROUPS = new ConcurrentHashMap<>();

	private static final Map<Long, Map<Long, List<String>>> MEMBERS = new ConcurrentHashMap<>();

	private static final Map<Long, Set<String>> OPTED_OUT = new ConcurrentHashMap<>();

	private static final Map<Long, String> PROVIDERS = new ConcurrentHashMap<>();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * {@code tenant}'s group {@code id} holds contacts with these numbers (E.164), in
	 * order.
	 */
	public static void members(long tenant, long id, List<String> phones) {
		group(tenant, id, phones.size());
		MEMBERS.computeIfAbsent(tenant, (t) -> new ConcurrentHashMap<>()).put(id, List.copyOf(phones));
	}

	/** {@code phone} (E.164) is on {@code tenant}'s suppression list. */
	public static void optedOut(long tenant, String phone) {
		OPTED_OUT.computeIfAbsent(tenant, (t) -> ConcurrentHashMap.newKeySet()).add(phone);
	}

	private static WireMockServer server;

	private static final Map<Long, String> STATUSES = new ConcurrentHashMap<>();

	private static final Map<Long, Long> BALANCES = new ConcurrentHashMap<>();

	/** {@code tenant} has a WORKING session {@code id}. */
	public static void session(long tenant, long id) {
		SESSIONS.computeIfAbsent(tenant, (t) -> ConcurrentHashMap.newKeySet()).add(id);
	}

	private static final Map<Long, Integer> RATES = new ConcurrentHashMap<>();

	/** Session {@code id} sends {@code perMinute} a minute (6,000 unless said). */
	public static void sessionRate(long id, int perMinute) {
		RATES.put(id, perMinute);
	}

	/** {@code tenant}'s session {@code id} was deleted. */
	public static void sessionDeleted(long tenant, long id) {
		SESSIONS.getOrDefault(tenant, Set.of()).remove(id);
	}

	/** Session {@code id} is in {@code status} (WORKING unless said). */
	/** Session {@code id} is one of this provider's ({@code sandbox} unless said). */
	public static void sessionProvider(long id, String provider) {
		PROVIDERS.put(id, provider);
	}

	public static void sessionStatus(long id, String status) {
		STATUSES.put(id, status);
	}

	/**
	 * {@code tenant}'s wallet holds {@code credits} (none unless said), one per message.
	 */
	public static void balance(long tenant, long credits) {
		BALANCES.put(tenant, credits);
	}

	/** {@code tenant} has group {@code id} of {@code size} contacts. */
	public static void group(long tenant, long id, int size) {
		GROUPS.computeIfAbsent(tenant, (t) -> new ConcurrentHashMap<>()).put(id, size);
		// Members to resolve, as the real service has them (members() names its own).
		List<String> generated = new java.util.ArrayList<>();
		for (int i = 0; i < size; i++) {
			generated.add("+2547%08d".formatted((id % 10_000) * 1_000 + i));
		}
		MEMBERS.computeIfAbsent(tenant, (t) -> new ConcurrentHashMap<>()).putIfAbsent(id, List.copyOf(generated));
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		String url = "http://127.0.0.1:" + start().port();
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("peersStub", Map.of("leadwire.campaign.contacts-service-url", url,
					"leadwire.campaign.messaging-service-url", url)));
	}

	private static synchronized WireMockServer start() {
		if (server == null) {
			server = new WireMockServer(
					WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1").extensions(new Peers()));
			server.start();
			server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
		}
		return server;
	}

	static final class Peers implements ResponseDefinitionTransformerV2 {

		@Override
		public ResponseDefinition transform(ServeEvent event) {
			RequestContext context = TestSecrets.SIGNER.verify(event.getRequest().getHeader(ContextSigner.HEADER));
			long tenant = context.tenantId();
			String path = event.getRequest().getUrl();
			if (path.startsWith("/v1/sessions/")) {
				long id = Long.parseLong(path.substring("/v1/sessions/".length()));
				if (!SESSIONS.getOrDefault(tenant, Set.of()).contains(id)) {
					return json(404, "{\"success\":false,\"code\":\"not_found\"}");
				}
				return json(200,
						"{\"data\":{\"id\":" + id + ",\"name\":\"S\",\"provider\":\""
								+ PROVIDERS.getOrDefault(id, "sandbox") + "\",\"status\":\""
								+ STATUSES.getOrDefault(id, "WORKING") + "\",\"ratePerMinute\":"
								+ RATES.getOrDefault(id, 6000) + "}}");
			}
			if (path.equals("/v1/wallet")) {
				return json(200, "{\"data\":{\"balance\":" + BALANCES.getOrDefault(tenant, 0L)
						+ ",\"currency\":\"XAF\",\"creditUnitPrice\":\"25.0000\",\"costPerMessage\":1}}");
			}
			if (path.equals("/internal/recipients/count")) {
				JsonNode body = JSON.readTree(event.getRequest().getBodyAsString());
				long total = 0;
				for (JsonNode group : body.path("groupIds")) {
					Integer size = GROUPS.getOrDefault(tenant, Map.of()).get(group.asLong());
					if (size == null) {
						return json(404, "{\"success\":false,\"code\":\"not_found\"}");
					}
					total += size;
				}
				List<String> phones = body.path("phones").valueStream().map(JsonNode::asString).toList();
				long duplicates = phones.size() - new HashSet<>(phones).size();
				total += phones.size();
				return json(200, "{\"data\":{\"total\":" + total + ",\"optedOut\":0,\"duplicates\":" + duplicates
						+ ",\"invalid\":0,\"sendable\":" + (total - duplicates) + "}}");
			}
			if (path.equals("/internal/recipients/resolve")) {
				return resolve(tenant, JSON.readTree(event.getRequest().getBodyAsString()));
			}
			return json(404, "{\"success\":false,\"code\":\"not_found\"}");
		}

		/**
		 * The selection's members, then the phones (digits only; under 8 digits is not a
		 * number), paged by offset; duplicates are flagged within a page only, so the
		 * caller's own de-duplication across pages is exercised.
		 */
		private static ResponseDefinition resolve(long tenant, JsonNode body) {
			List<String[]> all = new java.util.ArrayList<>();
			for (JsonNode group : body.path("groupIds")) {
				List<String> members = MEMBERS.getOrDefault(tenant, Map.of()).get(group.asLong());
				if (members == null) {
					return json(404, "{\"success\":false,\"code\":\"not_found\"}");
				}
				for (int i = 0; i < members.size(); i++) {
					all.add(new String[] { members.get(i), "Contact " + i, "contact", null });
				}
			}
			for (JsonNode phone : body.path("phones")) {
				String digits = phone.asString().replaceAll("\\D", "");
				all.add(new String[] { (digits.length() < 8) ? null : "+" + digits, null, "phone", phone.asString() });
			}
			int offset = body.path("cursor").isString() ? Integer.parseInt(body.path("cursor").asString().substring(2))
					: 0;
			int limit = body.path("limit").asInt(1000);
			int end = Math.min(all.size(), offset + limit);
			StringBuilder out = new StringBuilder("{\"data\":{\"recipients\":[");
			Set<String> seen = new HashSet<>();
			for (int i = offset; i < end; i++) {
				String[] r = all.get(i);
				boolean duplicate = r[0] != null && !seen.add(r[0]);
				boolean optedOut = r[0] != null && OPTED_OUT.getOrDefault(tenant, Set.of()).contains(r[0]);
				out.append((i > offset) ? "," : "")
					.append("{\"contactId\":")
					.append(r[2].equals("contact") ? String.valueOf(1000 + i) : "null")
					.append(",\"phone\":")
					.append((r[0] != null) ? "\"" + r[0] + "\"" : "null")
					.append(",\"name\":")
					.append((r[1] != null) ? "\"" + r[1] + "\"" : "null")
					.append(",\"customFields\":{\"tier\":\"gold\"},\"optedOut\":")
					.append(optedOut)
					.append(",\"duplicate\":")
					.append(duplicate)
					.append(",\"source\":\"")
					.append(r[2])
					.append("\",\"input\":")
					.append((r[3] != null) ? "\"" + r[3] + "\"" : "null")
					.append(",\"error\":")
					.append((r[0] == null) ? "\"not a phone number\"" : "null")
					.append('}');
			}
			out.append("],\"nextCursor\":").append((end < all.size()) ? "\"o:" + end + "\"" : "null").append("}}");
			return json(200, out.toString());
		}

		private static ResponseDefinition json(int status, String body) {
			return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body).build();
		}

		@Override
		public String getName() {
			return "peers";
		}

	}

}
