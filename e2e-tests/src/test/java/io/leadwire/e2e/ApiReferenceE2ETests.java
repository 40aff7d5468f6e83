package io.leadwire.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.yaml.snakeyaml.Yaml;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import io.leadwire.testing.HttpJson;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API reference (docs/api.md §8): one OpenAPI document at {@code /v1/openapi.json}
 * that documents every public route and nothing else, and Swagger UI at {@code /docs},
 * opened in a real (headless) Chromium with no network but the gateway, used to make a
 * call with a key.
 */
class ApiReferenceE2ETests {

	/** The gateway's own operations (no route: it serves them itself). */
	private static final Set<String> GATEWAY_PATHS = Set.of("/v1/health", "/v1/usage", "/v1/openapi.json");

	static RunningPlatform platform;

	@BeforeAll
	static void start() throws Exception {
		platform = RunningPlatform.get();
	}

	/**
	 * Not recorded for the public-id audit: the document names fields like operationId.
	 */
	/**
	 * The merged document once every service's part is in it: the gateway serves what it
	 * has when a service answers slowly (a busy machine's first document can take longer
	 * than its 5 s) and asks again 2 s later, so a first read may lack a part.
	 */
	static JsonNode document() {
		JsonNode[] document = new JsonNode[1];
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(40))
			.pollInterval(java.time.Duration.ofMillis(500))
			.ignoreExceptions()
			.until(() -> {
				HttpJson.Response response = new HttpJson(RunningPlatform.get().gatewayUrl()).get("/v1/openapi.json");
				assertThat(response.status()).isEqualTo(200);
				assertThat(response.header("Content-Type")).startsWith("application/json");
				document[0] = response.json();
				Set<String> tags = new HashSet<>();
				document[0].get("paths")
					.properties()
					.forEach((path) -> path.getValue()
						.properties()
						.forEach((operation) -> tags.add(operation.getValue().at("/tags/0").asString())));
				return tags.containsAll(SERVICE_TAGS);
			});
		return document[0];
	}

	private static final List<String> SERVICE_TAGS = List.of("Leads", "Contacts", "WhatsApp messaging", "Campaigns",
			"Keys, users and partners");

	/**
	 * Issue 26 item 14, found reading the rendered reference: two classes with one simple
	 * name (a request and a response, both {@code Preview}) became one schema, so the
	 * preview's answer showed the request's fields. No operation answers with the schema
	 * it is sent, and the reviewed operations say what they take and answer.
	 */
	@Test
	void noAnswerIsDocumentedWithItsRequestsSchemaAndImportsDocumentTheirFields() {
		JsonNode document = document();
		List<String> confused = new ArrayList<>();
		document.get("paths").properties().forEach((path) -> path.getValue().properties().forEach((operation) -> {
			String sent = operation.getValue().at("/requestBody/content/application~1json/schema/$ref").asString("");
			operation.getValue().get("responses").properties().forEach((response) -> {
				String envelope = response.getValue().at("/content/application~1json/schema/$ref").asString("");
				String answered = envelope.isEmpty() ? ""
						: document
							.at("/components/schemas/" + envelope.substring(envelope.lastIndexOf('/') + 1)
									+ "/properties/data/$ref")
							.asString("");
				if (!sent.isEmpty() && sent.equals(answered)) {
					confused.add(operation.getKey() + " " + path.getKey() + " " + response.getKey() + " " + sent);
				}
			});
		}));
		assertThat(confused).as("answers documented with the request's schema").isEmpty();

		JsonNode preview = document.at("/paths/~1v1~1campaigns~1preview-recipients/post");
		String data = preview.at("/responses/200/content/application~1json/schema/$ref").asString();
		JsonNode answer = document.at("/components/schemas/" + data.substring(data.lastIndexOf('/') + 1));
		String answerSchema = answer.at("/properties/data/$ref").asString();
		assertThat(document
			.at("/components/schemas/" + answerSchema.substring(answerSchema.lastIndexOf('/') + 1) + "/properties")
			.propertyNames()).contains("total", "optedOut", "duplicates", "sendable", "samples");
		assertThat(preview.get("description").asString()).contains("samples").doesNotContain("{@");

		JsonNode contactsImport = document.at("/paths/~1v1~1contacts~1import/post");
		assertThat(contactsImport.at("/requestBody/content/multipart~1form-data/schema/properties").propertyNames())
			.contains("file", "group_id");
		assertThat(contactsImport.get("description").asString()).contains("skippedRows", "warnings", "413", "415");
		assertThat(contactsImport.get("responses").propertyNames()).contains("202", "413", "415", "429");
		assertThat(document.at("/components/schemas/ContactImportView/properties").propertyNames()).contains("errors",
				"skippedRows", "warnings", "groupId");
	}

	/**
	 * The build check: a public route with no documented operation, or a documented
	 * operation no route reaches, fails the build.
	 */
	@Test
	void everyPublicRouteIsDocumentedAndEveryDocumentedOperationIsRouted() throws IOException {
		Map<String, List<PathPattern>> routes = gatewayRoutes();
		JsonNode document = document();
		Set<String> paths = new HashSet<>(document.get("paths").propertyNames());

		List<String> undocumented = new ArrayList<>();
		routes.forEach((route, patterns) -> patterns.forEach((pattern) -> {
			if (paths.stream().noneMatch((path) -> matches(pattern, path))) {
				undocumented.add(route + " " + pattern.getPatternString());
			}
		}));
		assertThat(undocumented).as("routes without a documented operation").isEmpty();

		List<String> unrouted = paths.stream()
			.filter((path) -> !GATEWAY_PATHS.contains(path))
			.filter((path) -> routes.values().stream().flatMap(List::stream).noneMatch((p) -> matches(p, path)))
			.toList();
		assertThat(unrouted).as("documented operations no route reaches").isEmpty();
		assertThat(paths).noneMatch((path) -> path.startsWith("/internal") || path.startsWith("/actuator"));
	}

	@Test
	void theDocumentDescribesAuthenticationIdsErrorsAndTheAliasesOnce() {
		JsonNode document = document();
		assertThat(document.get("openapi").asString()).startsWith("3.");
		JsonNode schemes = document.at("/components/securitySchemes");
		assertThat(schemes.at("/ApiKeyHeader/name").asString()).isEqualTo("X-API-Key");
		assertThat(schemes.at("/ApiKeyQuery/name").asString()).isEqualTo("api_key");
		assertThat(schemes.at("/ApiKeyQuery/in").asString()).isEqualTo("query");
		assertThat(schemes.at("/BearerKey/scheme").asString()).isEqualTo("bearer");
		assertThat(schemes.at("/BearerJwt/bearerFormat").asString()).isEqualTo("JWT");
		// §7 aliases: named once in the description, never as paths of their own.
		String description = document.at("/info/description").asString();
		assertThat(description.split("/public/api/v1/", -1)).hasSize(2);
		assertThat(document.get("paths").propertyNames()).allMatch((path) -> path.startsWith("/v1/"));

		Set<String> tags = new HashSet<>();
		Set<String> operationIds = new HashSet<>();
		document.get("paths").properties().forEach((path) -> path.getValue().properties().forEach((operation) -> {
			JsonNode op = operation.getValue();
			tags.add(op.at("/tags/0").asString());
			assertThat(operationIds.add(op.get("operationId").asString())).as("unique " + op.get("operationId"))
				.isTrue();
			boolean open = GATEWAY_PATHS.contains(path.getKey()) && !path.getKey().equals("/v1/usage")
					|| path.getKey().startsWith("/v1/webhooks/waha") || path.getKey().startsWith("/v1/webhooks/cloud");
			assertThat(op.has("security") && op.get("security").isEmpty()).as(path.getKey()).isEqualTo(open);
		}));
		assertThat(tags).contains("Leads", "Contacts", "WhatsApp messaging", "Campaigns", "Webhooks",
				"Keys, users and partners");

		// Ids are the public strings; errors are the envelope; examples are the legacy
		// ones.
		assertThat(document.at("/components/schemas/ContactView/properties/id/$ref").asString()).endsWith("/PublicId");
		assertThat(document.at("/components/schemas/PublicId/minLength").asInt()).isEqualTo(16);
		assertThat(document.at("/paths/~1v1~1campaigns~1{id}/get/responses/404/content/application~1json/schema/$ref")
			.asString()).endsWith("/Error");
		JsonNode sendExamples = document
			.at("/paths/~1v1~1waha~1send/post/requestBody/content/application~1json/examples");
		assertThat(sendExamples.propertyNames()).contains("Send Text Message", "Send List Message");
		assertThat(sendExamples.at("/Send Text Message/value/to").asString()).isEqualTo("254110377776");
	}

	@Test
	void theReferenceRendersOfflineInChromiumAndMakesACallWithAKey() throws IOException {
		String key = platform.createTenant("Reference Reader").get("testKey").asString();
		platform.keyUsed(key);
		HttpJson client = platform.withKey(key);
		assertThat(client.post("/v1/contacts", Map.of("name", "Ada From The Docs", "phone", "254712345678")).status())
			.isEqualTo(201);

		// Issue 26: the page sent no Content-Security-Policy or frame protection. With
		// them, the flow below still works (no inline script, nothing from elsewhere).
		HttpJson.Response page = new HttpJson(platform.gatewayUrl()).get("/docs");
		assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'")
			.contains("frame-ancestors 'none'")
			.doesNotContain("unsafe-eval");
		assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");

		WebDriver browser = ConsoleE2ETests.chromium(1400, 1800);
		try {
			browser.get(platform.gatewayUrl() + "/docs");
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
			wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("h3.opblock-tag"), 4));
			List<String> sections = browser.findElements(By.cssSelector("h3.opblock-tag"))
				.stream()
				.map((tag) -> tag.getAttribute("data-tag"))
				.toList();
			assertThat(sections).contains("Leads", "Contacts", "WhatsApp messaging", "Campaigns");
			screenshot(browser, "api-reference.png");

			// Authorize with the key (X-API-Key), then try GET /v1/contacts from the
			// page.
			browser.findElement(By.cssSelector("button.authorize")).click();
			WebElement apiKeyForm = wait.until(ExpectedConditions.visibilityOfElementLocated(
					By.xpath("//div[contains(@class,'auth-container')][.//h4[contains(., 'ApiKeyHeader')]]")));
			apiKeyForm.findElement(By.cssSelector("input")).sendKeys(key);
			apiKeyForm.findElement(By.cssSelector("button.authorize")).click();
			browser.findElement(By.cssSelector("button.close-modal")).click();

			browser.findElement(By.cssSelector("h3.opblock-tag[data-tag='Contacts']")).click();
			WebElement list = wait
				.until(ExpectedConditions.visibilityOfElementLocated(By.id("operations-Contacts-contacts_list")));
			list.findElement(By.cssSelector(".opblock-summary-control")).click();
			// The operation opens as it renders: wait for its buttons, never look them up
			// at
			// once (a loaded machine renders later).
			wait.until(ExpectedConditions
				.elementToBeClickable(By.cssSelector("#operations-Contacts-contacts_list button.try-out__btn")))
				.click();
			wait.until(ExpectedConditions
				.elementToBeClickable(By.cssSelector("#operations-Contacts-contacts_list button.execute"))).click();
			WebElement status = wait.until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(list,
					By.cssSelector(".live-responses-table tr.response .response-col_status")))
				.get(0);
			String body = list
				.findElement(By.cssSelector(".live-responses-table tr.response .response-col_description"))
				.getText();
			((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", status);
			screenshot(browser, "api-reference-try-it.png");
			assertThat(status.getText()).startsWith("200");
			assertThat(body).contains("Ada From The Docs").contains("\"success\": true");

			// Offline: every file the page loaded came from the gateway itself.
			@SuppressWarnings("unchecked")
			List<String> loaded = (List<String>) ((JavascriptExecutor) browser)
				.executeScript("return performance.getEntriesByType('resource').map(e => e.name)");
			assertThat(loaded).isNotEmpty().allMatch((url) -> url.startsWith(platform.gatewayUrl() + "/"));
		}
		finally {
			browser.quit();
		}
	}

	private static void screenshot(WebDriver browser, String name) throws IOException {
		Path target = Path.of("target", name);
		Files.createDirectories(target.getParent());
		Files.write(target, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
	}

	/** A route to a web application (the console), not to the API. */
	@SuppressWarnings("unchecked")
	static boolean isWebRoute(Map<String, Object> route) {
		Object metadata = route.get("metadata");
		return metadata instanceof Map && Boolean.TRUE.equals(((Map<String, Object>) metadata).get("leadwire-web"));
	}

	/** Route id → its Path patterns, as the gateway's own configuration declares them. */
	@SuppressWarnings("unchecked")
	private static Map<String, List<PathPattern>> gatewayRoutes() throws IOException {
		Map<String, List<PathPattern>> routes = new java.util.LinkedHashMap<>();
		try (InputStream in = Files.newInputStream(Path.of("../gateway/src/main/resources/application.yml"))) {
			Map<String, Object> yaml = new Yaml().load(in);
			Object webflux = dig(yaml, "spring", "cloud", "gateway", "server", "webflux");
			for (Map<String, Object> route : (List<Map<String, Object>>) ((Map<String, Object>) webflux)
				.get("routes")) {
				if (isWebRoute(route)) {
					continue;
				}
				List<PathPattern> patterns = new ArrayList<>();
				for (Object predicate : (List<Object>) route.get("predicates")) {
					String text = predicate.toString();
					if (text.startsWith("Path=")) {
						for (String pattern : text.substring(5).split(",")) {
							patterns.add(PathPatternParser.defaultInstance.parse(pattern.trim()));
						}
					}
				}
				routes.put((String) route.get("id"), patterns);
			}
		}
		assertThat(routes).containsKeys("leads", "contacts", "campaigns", "messaging", "apikey");
		return routes;
	}

	@SuppressWarnings("unchecked")
	private static Object dig(Map<String, Object> yaml, String... keys) {
		Object node = yaml;
		for (String key : keys) {
			node = ((Map<String, Object>) node).get(key);
		}
		return node;
	}

	private static boolean matches(PathPattern pattern, String documentedPath) {
		return pattern.matches(PathContainer.parsePath(documentedPath));
	}

}
