package io.leadwire.gateway.scopes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import io.leadwire.common.apikey.ApiKeyScopes;

/**
 * The scope each public path needs (docs/api.md §1, "Scopes"), beside the routes that
 * send it to a service: a read ({@code GET}, {@code HEAD}) needs the resource's read
 * scope, anything else its write scope ({@code messages:send} to send, {@code keys:admin}
 * for any key operation). A {@code POST} that only reads (the campaign recipients'
 * preview) needs the read scope. The first matching rule decides; a path no rule names
 * (platform administration) needs an unrestricted key. Reads every client needs to find
 * its bearings (who am I, which companies, my usage) need no scope.
 */
public final class RouteScopes {

	/** The answer for the paths every key may call. */
	public static final String NONE = "";

	private final List<Rule> rules = new ArrayList<>();

	public RouteScopes() {
		open(Set.of(HttpMethod.GET, HttpMethod.HEAD), "/v1/users/me", "/v1/accounts/companies", "/v1/usage",
				"/v1/health");
		readingPost("campaigns:read", "/v1/campaigns/preview-recipients");
		resource("leads", "/v1/leads/**");
		resource("contacts", "/v1/contacts/**");
		resource("campaigns", "/v1/campaigns/**");
		add(new Rule(patterns("/v1/messages/**", "/v1/waha/send"), null, "messages:read", "messages:send"));
		resource("sessions", "/v1/sessions/**", "/v1/waha/sessions/**");
		resource("templates", "/v1/templates/**");
		resource("numbers", "/v1/numbers/**");
		resource("wallet", "/v1/wallet/**");
		resource("sandbox", "/v1/sandbox/**");
		resource("webhooks", "/v1/webhooks/endpoints/**", "/v1/webhooks/messages/**", "/v1/webhooks/event-types");
		add(new Rule(patterns("/v1/api-keys/**"), null, "keys:admin", "keys:admin"));
		resource("users", "/v1/users/**");
		resource("companies", "/v1/companies/**", "/v1/accounts/**");
		add(new Rule(patterns("/v1/audit-log/**"), null, "audit:read", "audit:read"));
	}

	/**
	 * The scope a request needs: {@code resource:action}, {@link #NONE} when every key
	 * may make it, {@code null} when only an unrestricted key may.
	 */
	public String required(HttpMethod method, String path) {
		PathContainer container = PathContainer.parsePath(path);
		for (Rule rule : this.rules) {
			if (rule.matches(method, container)) {
				return isRead(method) ? rule.read() : rule.write();
			}
		}
		return null;
	}

	/** Every rule, for the API reference: its patterns, methods and scopes. */
	public List<Rule> rules() {
		return List.copyOf(this.rules);
	}

	static boolean isRead(HttpMethod method) {
		return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
	}

	private void open(Set<HttpMethod> methods, String... paths) {
		add(new Rule(patterns(paths), methods, NONE, NONE));
	}

	private void readingPost(String scope, String... paths) {
		add(new Rule(patterns(paths), Set.of(HttpMethod.POST), scope, scope));
	}

	private void resource(String resource, String... paths) {
		add(new Rule(patterns(paths), null, resource + ":read", resource + ":write"));
	}

	private void add(Rule rule) {
		for (String scope : new String[] { rule.read(), rule.write() }) {
			if (!scope.isEmpty() && !ApiKeyScopes.isValid(scope)) {
				throw new IllegalStateException("Not a scope of the catalogue: " + scope);
			}
		}
		this.rules.add(rule);
	}

	private static List<PathPattern> patterns(String... paths) {
		PathPatternParser parser = PathPatternParser.defaultInstance;
		List<PathPattern> patterns = new ArrayList<>();
		for (String path : paths) {
			patterns.add(parser.parse(path));
		}
		return patterns;
	}

	/**
	 * Paths ({@code null} methods: any method) and the scopes a read and a write of them
	 * need.
	 */
	public record Rule(List<PathPattern> patterns, Set<HttpMethod> methods, String read, String write) {

		boolean matches(HttpMethod method, PathContainer path) {
			if (this.methods != null && !this.methods.contains(method)) {
				return false;
			}
			for (PathPattern pattern : this.patterns) {
				if (pattern.matches(path)) {
					return true;
				}
			}
			return false;
		}

		/** The scope {@code method} on a path of this rule needs. */
		public String scopeFor(HttpMethod method) {
			return isRead(method) ? this.read : this.write;
		}

	}

}
