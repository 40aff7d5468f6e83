package io.leadwire.common.apikey;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an API key may do (docs/api.md §1, "Scopes"): {@code resource:action} scopes, from
 * a fixed catalogue, with wildcards {@code resource:*}, {@code *:read}, {@code *:write}
 * and {@code *} (everything). A key without scopes may do everything its role and
 * environment allow, as keys always could. apikey-service validates a key's scopes with
 * this catalogue; the gateway decides which scope a request needs from its route table
 * and asks {@link #grants} whether a key holds it.
 */
public final class ApiKeyScopes {

	/** Every scope: the same as no scopes. */
	public static final String ALL = "*";

	/**
	 * Each resource and the actions it has, in the order the API reference lists them.
	 */
	public static final Map<String, List<String>> CATALOGUE;

	static {
		Map<String, List<String>> catalogue = new LinkedHashMap<>();
		catalogue.put("leads", List.of("read", "write"));
		catalogue.put("contacts", List.of("read", "write"));
		catalogue.put("campaigns", List.of("read", "write"));
		catalogue.put("messages", List.of("read", "send"));
		catalogue.put("sessions", List.of("read", "write"));
		catalogue.put("templates", List.of("read", "write"));
		catalogue.put("numbers", List.of("read", "write"));
		catalogue.put("wallet", List.of("read", "write"));
		catalogue.put("sandbox", List.of("read", "write"));
		catalogue.put("webhooks", List.of("read", "write"));
		catalogue.put("users", List.of("read", "write"));
		catalogue.put("companies", List.of("read", "write"));
		catalogue.put("audit", List.of("read"));
		catalogue.put("keys", List.of("admin"));
		CATALOGUE = java.util.Collections.unmodifiableMap(catalogue);
	}

	/** At most this many scopes on one key. */
	public static final int MAX = 40;

	private static final Set<String> WILDCARD_ACTIONS = Set.of("read", "write");

	private ApiKeyScopes() {
	}

	/** Every concrete scope of the catalogue, e.g. {@code leads:read}. */
	public static List<String> concrete() {
		List<String> scopes = new ArrayList<>();
		CATALOGUE.forEach((resource, actions) -> actions.forEach((action) -> scopes.add(resource + ":" + action)));
		return scopes;
	}

	/** Whether {@code scope} is one a key may carry (a concrete scope or a wildcard). */
	public static boolean isValid(String scope) {
		if (scope == null) {
			return false;
		}
		if (scope.equals(ALL)) {
			return true;
		}
		int colon = scope.indexOf(':');
		if (colon <= 0 || colon != scope.lastIndexOf(':')) {
			return false;
		}
		String resource = scope.substring(0, colon);
		String action = scope.substring(colon + 1);
		if (resource.equals(ALL)) {
			return WILDCARD_ACTIONS.contains(action);
		}
		List<String> actions = CATALOGUE.get(resource);
		return actions != null && (action.equals(ALL) || actions.contains(action));
	}

	/**
	 * The scopes as stored: {@code null} (unrestricted) when none or {@code *} is given,
	 * else the distinct scopes, sorted.
	 */
	public static List<String> normalize(Collection<String> scopes) {
		if (scopes == null || scopes.isEmpty() || scopes.contains(ALL)) {
			return null;
		}
		return List.copyOf(new TreeSet<>(scopes));
	}

	/**
	 * Whether a key holding {@code held} ({@code null}: unrestricted) may do what needs
	 * {@code required} ({@code resource:action}; {@code null} when the operation needs an
	 * unrestricted key).
	 */
	public static boolean grants(Collection<String> held, String required) {
		if (held == null) {
			return true;
		}
		if (required == null) {
			return false;
		}
		if (held.contains(required)) {
			return true;
		}
		int colon = required.indexOf(':');
		String resource = required.substring(0, colon);
		String action = required.substring(colon + 1);
		return held.contains(resource + ":*") || held.contains("*:" + action)
				|| (action.equals("send") && held.contains("*:write"));
	}

	/**
	 * Whether a key holding {@code held} covers every scope of {@code wanted} (either
	 * {@code null}: unrestricted): a key may hand on only what it holds.
	 */
	public static boolean covers(Collection<String> held, Collection<String> wanted) {
		if (held == null) {
			return true;
		}
		if (wanted == null) {
			return false;
		}
		for (String scope : wanted) {
			if (!coversOne(held, scope)) {
				return false;
			}
		}
		return true;
	}

	private static boolean coversOne(Collection<String> held, String scope) {
		int colon = scope.indexOf(':');
		String resource = scope.substring(0, colon);
		String action = scope.substring(colon + 1);
		if (resource.equals(ALL)) {
			// *:read is covered by *:read, or by every resource's read
			return held.contains(scope) || CATALOGUE.entrySet()
				.stream()
				.filter((entry) -> entry.getValue().contains(action))
				.allMatch((entry) -> grants(held, entry.getKey() + ":" + action));
		}
		if (action.equals(ALL)) {
			return held.contains(scope)
					|| CATALOGUE.get(resource).stream().allMatch((each) -> grants(held, resource + ":" + each));
		}
		return grants(held, scope);
	}

}
