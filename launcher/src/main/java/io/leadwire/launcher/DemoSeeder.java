package io.leadwire.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeds the demo tenants through the gateway with the platform-admin key, as any client
 * would, and writes {@code credentials.json} (ARCHITECTURE.md "Running it"). A second
 * start reuses it.
 */
public final class DemoSeeder {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Credits each demo tenant starts with. */
	static final int DEMO_CREDITS = 1000;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String gatewayUrl;

	private final String adminKey;

	public DemoSeeder(String gatewayUrl, String adminKey) {
		this.gatewayUrl = gatewayUrl;
		this.adminKey = adminKey;
	}

	/**
	 * The credentials in {@code file} if they still work against this platform, else new
	 * ones.
	 */
	public JsonNode seedOrReuse(Path file) throws IOException, InterruptedException {
		if (Files.exists(file)) {
			JsonNode existing = JSON.readTree(file.toFile());
			JsonNode first = existing.path("tenants").path(0);
			if (first.has("liveKey")
					&& status("GET", "/v1/leads?limit=1", first.get("liveKey").asString(), null) == 200) {
				return existing;
			}
		}
		Map<String, Object> credentials = new LinkedHashMap<>();
		credentials.put("gatewayUrl", this.gatewayUrl);
		credentials.put("platformAdminKey", this.adminKey);
		credentials.put("tenants", List.of(tenant("Acme", "free", false, null, "owner@acme.example"),
				tenant("Globex", "professional", false, null, "owner@globex.example")));
		Map<String, Object> partner = tenant("Northwind Agency", "professional", true, null, "owner@northwind.example");
		Map<String, Object> company = tenant("Contoso", "starter", false, (String) partner.get("id"),
				"owner@contoso.example");
		partner.put("companies", List.of(Map.of("id", company.get("id"), "name", company.get("name"))));
		credentials.put("partner", partner);
		Files.createDirectories(file.getParent());
		Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(credentials));
		LocalSecrets.ownerOnly(file);
		return JSON.valueToTree(credentials);
	}

	/**
	 * The console's demo sign-ins, one per seeded tenant and one for the partner, made
	 * once through the API ({@code POST /v1/users}, which makes the Keycloak user) and
	 * added to {@code credentials.json} as {@code console: {url, users}}; kept when the
	 * file has them already.
	 */
	public JsonNode withConsoleUsers(Path file, JsonNode credentials, String consoleUrl)
			throws IOException, InterruptedException {
		if (credentials.path("console").path("users").size() > 0) {
			return credentials;
		}
		List<Map<String, Object>> users = new java.util.ArrayList<>();
		List<JsonNode> accounts = new java.util.ArrayList<>();
		credentials.get("tenants").forEach(accounts::add);
		accounts.add(credentials.get("partner"));
		for (JsonNode account : accounts) {
			String name = account.get("name").asString();
			String username = "demo@" + name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "")
					+ ".example";
			String password = password();
			HttpResponse<String> created = send("POST", "/v1/users", account.get("liveKey").asString(),
					JSON.writeValueAsString(
							Map.of("name", name + " Demo", "email", username, "role", "admin", "password", password)));
			if (created.statusCode() != 201) {
				throw new IllegalStateException("Creating the console's demo user of " + name + " failed: "
						+ created.statusCode() + " " + created.body());
			}
			users.add(Map.of("tenant", name, "username", username, "password", password));
		}
		Map<String, Object> all = JSON.convertValue(credentials, Map.class);
		all.put("console", Map.of("url", consoleUrl, "users", users));
		Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all));
		LocalSecrets.ownerOnly(file);
		return JSON.valueToTree(all);
	}

	/** A demo password: 16 letters and digits, random. */
	private static String password() {
		String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
		java.security.SecureRandom random = new java.security.SecureRandom();
		StringBuilder password = new StringBuilder(16);
		for (int i = 0; i < 16; i++) {
			password.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return password.toString();
	}

	private Map<String, Object> tenant(String name, String plan, boolean partner, String partnerId, String email)
			throws IOException, InterruptedException {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("name", name);
		request.put("plan", plan);
		request.put("partner", partner);
		request.put("ownerName", name + " Owner");
		request.put("ownerEmail", email);
		if (partnerId != null) {
			request.put("partnerId", partnerId);
		}
		HttpResponse<String> response = send("POST", "/v1/admin/tenants", this.adminKey,
				JSON.writeValueAsString(request));
		if (response.statusCode() != 201) {
			throw new IllegalStateException(
					"Seeding " + name + " failed: " + response.statusCode() + " " + response.body());
		}
		JsonNode data = JSON.readTree(response.body()).get("data");
		Map<String, Object> tenant = new LinkedHashMap<>();
		tenant.put("id", data.get("id").asString());
		tenant.put("name", name);
		tenant.put("plan", plan);
		tenant.put("liveKey", data.get("liveKey").asString());
		tenant.put("testKey", data.get("testKey").asString());
		tenant.put("ownerUserId", data.get("ownerUserId").asString());
		topUp(data.get("id").asString());
		return tenant;
	}

	/** Demo credits, so live keys can send right away (test keys never spend any). */
	private void topUp(String tenantId) throws IOException, InterruptedException {
		HttpResponse<String> response = send("POST", "/v1/wallet/top-up", this.adminKey, JSON.writeValueAsString(
				Map.of("tenantId", tenantId, "credits", DEMO_CREDITS, "reference", "demo-seed-" + tenantId)));
		if (response.statusCode() != 200) {
			throw new IllegalStateException(
					"Topping up " + tenantId + " failed: " + response.statusCode() + " " + response.body());
		}
	}

	private int status(String method, String path, String key, String body) throws IOException, InterruptedException {
		return send(method, path, key, body).statusCode();
	}

	private HttpResponse<String> send(String method, String path, String key, String body)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.gatewayUrl + path))
			.timeout(Duration.ofSeconds(30))
			.header("X-API-Key", key);
		if (body != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
