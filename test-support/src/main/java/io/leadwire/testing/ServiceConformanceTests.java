package io.leadwire.testing;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service must do whatever its domain (ARCHITECTURE.md "The request path"):
 * probes and metrics open, everything else behind the signed context, errors in the
 * envelope. A service's test class extends this and adds {@link ServiceTest}.
 */
public abstract class ServiceConformanceTests {

	@Value("${local.server.port}")
	protected int port;

	protected HttpJson plain() {
		return new HttpJson("http://127.0.0.1:" + this.port);
	}

	@Test
	void readinessIncludesMongoAndIsUp() {
		HttpJson.Response readiness = plain().get("/actuator/health/readiness");
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
		assertThat(plain().get("/actuator/health/liveness").status()).isEqualTo(200);
	}

	@Test
	void prometheusMetricsAreExposed() {
		HttpJson.Response metrics = plain().get("/actuator/prometheus");
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes");
	}

	@Test
	void requestWithoutContextIs401() {
		HttpJson.Response response = plain().get("/v1/anything");
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.code()).isEqualTo("missing_context");
		assertThat(response.json().get("meta").get("requestId").asString()).isNotBlank();
	}

	@Test
	void forgedContextIs401() {
		String forged = TestSecrets.tenant(1L, Environment.LIVE).replaceFirst("\\.[^.]+$", ".AAAA");
		HttpJson.Response response = plain().header(ContextSigner.HEADER, forged).get("/v1/anything");
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.code()).isEqualTo("invalid_context");
	}

	/**
	 * A path of this service that takes a JSON body (the default reaches no endpoint).
	 */
	protected String jsonBodyPath() {
		return "/v1/no-such-thing";
	}

	@Test
	void malformedOrWildcardContentTypesAre4xxInTheEnvelope() {
		for (String type : new String[] { "*/*", "application/*", ";;;=", "json", "a/b/c",
				"application/json; charset=bogus" }) {
			for (String method : new String[] { "POST", "PUT", "PATCH" }) {
				HttpJson.Response response = plain()
					.header(ContextSigner.HEADER, TestSecrets.tenant(1L, Environment.LIVE))
					.header("Content-Type", type)
					.send(method, jsonBodyPath(), "{}");
				assertThat(response.status()).as("%s %s", method, type).isBetween(400, 499);
				assertThat(response.json().get("success").asBoolean()).isFalse();
				assertThat(response.json().get("meta").get("requestId").asString()).isNotBlank();
			}
		}
	}

	@Test
	void requestsThatDoNotDecodeGetTheEnvelopeAndARequestId() throws java.io.IOException {
		String context = ContextSigner.HEADER + ": " + TestSecrets.tenant(1L, Environment.LIVE) + "\r\n";
		String[][] cases = { { "GET /v1/x/%zz HTTP/1.1\r\nHost: a\r\n" + context, "400" },
				{ "CONNECT /v1/x HTTP/1.1\r\nHost: a\r\n" + context, "405" },
				{ "GET /v1/x HTTP/1.1\r\nHost: a\r\nX-Big: " + "y".repeat(20_000) + "\r\n", "400" },
				{ "GET /v1/x?q=" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: a\r\n", "400" } };
		for (String[] sent : cases) {
			String response = raw(sent[0] + "Connection: close\r\n\r\n");
			String shown = sent[0].substring(0, 24);
			assertThat(response).as(shown).startsWith("HTTP/1.1 " + sent[1]);
			assertThat(response.toLowerCase()).as(shown).contains("x-request-id:");
			String body = response.substring(response.indexOf("\r\n\r\n") + 4);
			tools.jackson.databind.JsonNode json = tools.jackson.databind.json.JsonMapper.builder()
				.build()
				.readTree(body);
			assertThat(json.get("success").asBoolean()).as(shown).isFalse();
			assertThat(json.get("meta").get("requestId").asString()).as(shown).isNotBlank();
		}
	}

	private String raw(String request) throws java.io.IOException {
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
			return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
	}

	@Test
	void responsesAreNeitherSniffedNorCached() {
		HttpJson.Response response = plain().get("/v1/anything");
		assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.header("Cache-Control")).isEqualTo("no-store");
	}

	@org.springframework.beans.factory.annotation.Autowired
	org.springframework.context.ApplicationContext context;

	@Test
	void idRulesAreServedToTheGatewayOnly() {
		HttpJson.Response tenant = plain().header(ContextSigner.HEADER, TestSecrets.tenant(1L, Environment.LIVE))
			.get("/internal/id-rules");
		assertThat(tenant.status()).isEqualTo(403);
		HttpJson.Response rules = plain().header(ContextSigner.HEADER, TestSecrets.system()).get("/internal/id-rules");
		assertThat(rules.status()).isEqualTo(200);
		assertThat(rules.data().get("fields")).isNotEmpty();
		rules.data().get("paths").forEach((path) -> assertThat(path.asString()).startsWith("/v1/"));
	}

	/**
	 * Every record of the service with a field named like an id ({@code id}, {@code …Id},
	 * {@code …Ids}) of a numeric type is declared in {@code leadwire.ids.fields}: a field
	 * a team adds and forgets to declare would reach clients as an internal id.
	 */
	@Test
	void everyIdTypedRecordFieldIsDeclaredInTheServicesIdRules() {
		java.util.Set<String> declared = new java.util.HashSet<>();
		plain().header(ContextSigner.HEADER, TestSecrets.system())
			.get("/internal/id-rules")
			.data()
			.get("fields")
			.forEach((field) -> declared.add(field.asString()));
		String base = this.context
			.getBeansWithAnnotation(org.springframework.boot.autoconfigure.SpringBootApplication.class)
			.values()
			.iterator()
			.next()
			.getClass()
			.getPackageName()
			.replaceAll("\\$\\$.*", "");
		java.util.List<String> undeclared = new java.util.ArrayList<>();
		for (com.tngtech.archunit.core.domain.JavaClass type : new com.tngtech.archunit.core.importer.ClassFileImporter()
			.withImportOption(com.tngtech.archunit.core.importer.ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(base)) {
			Class<?> loaded = type.reflect();
			if (!loaded.isRecord()) {
				continue;
			}
			for (java.lang.reflect.RecordComponent component : loaded.getRecordComponents()) {
				// The JSON name: @JsonProperty lands on the accessor (it does not target
				// record components).
				com.fasterxml.jackson.annotation.JsonProperty property = component.getAccessor()
					.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
				String name = (property != null && !property.value().isEmpty()) ? property.value()
						: component.getName();
				String javaName = component.getName();
				boolean idNamed = javaName.equals("id") || javaName.endsWith("Id") || javaName.endsWith("Ids");
				Class<?> kind = component.getType();
				boolean numeric = kind == long.class || kind == Long.class
						|| (java.util.Collection.class.isAssignableFrom(kind)
								&& component.getGenericType().getTypeName().contains("Long"));
				if (idNamed && numeric && !declared.contains(name)) {
					undeclared.add(loaded.getSimpleName() + "." + name);
				}
			}
		}
		assertThat(undeclared).as("id fields missing from leadwire.ids.fields %s", declared).isEmpty();
	}

	/**
	 * The build check of the API reference, for this service: every public route of its
	 * controllers is a documented operation and every documented operation is a route
	 * (the gateway checks the same against its routes, e2e {@code ApiReferenceE2ETests}).
	 */
	@Test
	void everyPublicRouteIsADocumentedOperationAndNoMore() throws java.io.IOException {
		tools.jackson.databind.JsonNode document = apiDocument();
		java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
		java.nio.file.Files.writeString(java.nio.file.Path.of("target", "openapi.json"), document.toPrettyString());
		java.util.Set<String> documented = new java.util.TreeSet<>();
		document.get("paths")
			.properties()
			.forEach((path) -> path.getValue()
				.propertyNames()
				.forEach((method) -> documented.add(method.toUpperCase() + " " + variablesUnnamed(path.getKey()))));
		java.util.Set<String> routes = new java.util.TreeSet<>();
		this.context
			.getBean("requestMappingHandlerMapping",
					org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping.class)
			.getHandlerMethods()
			.keySet()
			.forEach((info) -> info.getPathPatternsCondition()
				.getPatternValues()
				.stream()
				.filter((pattern) -> pattern.startsWith("/v1/"))
				.forEach((pattern) -> {
					java.util.Set<org.springframework.web.bind.annotation.RequestMethod> methods = info
						.getMethodsCondition()
						.getMethods();
					(methods.isEmpty() ? java.util.EnumSet.of(org.springframework.web.bind.annotation.RequestMethod.GET)
							: methods)
						.forEach((method) -> routes.add(method + " " + variablesUnnamed(pattern)));
				}));
		assertThat(routes).as("routes").isNotEmpty();
		assertThat(documented).as("documented operations").isEqualTo(routes);
	}

	/**
	 * What the contract says about every operation is in the document: ids are public
	 * strings, never numbers; errors are the envelope; every operation has a summary.
	 */
	@Test
	void theApiDocumentShowsPublicIdsAndTheErrorEnvelope() {
		tools.jackson.databind.JsonNode document = apiDocument();
		assertThat(document.at("/components/schemas/PublicId/maxLength").asInt()).isEqualTo(17);
		assertThat(document.at("/components/schemas/Error/required").toString()).contains("code");
		java.util.List<String> problems = new java.util.ArrayList<>();
		document.get("paths").properties().forEach((path) -> path.getValue().properties().forEach((op) -> {
			String name = op.getKey().toUpperCase() + " " + path.getKey();
			tools.jackson.databind.JsonNode operation = op.getValue();
			if (operation.path("summary").asString("").isBlank()) {
				problems.add(name + ": no summary");
			}
			if (!operation.at("/responses/401/content/application~1json/schema/$ref").asString("").endsWith("/Error")) {
				problems.add(name + ": errors are not the envelope");
			}
			operation.path("parameters").forEach((parameter) -> {
				String in = parameter.path("in").asString();
				String parameterName = parameter.path("name").asString();
				boolean id = in.equals("path") && (parameterName.equals("id") || parameterName.endsWith("Id"));
				if (id && !parameter.at("/schema/$ref").asString("").endsWith("/PublicId")) {
					problems.add(name + ": path id " + parameterName + " is not a public id");
				}
				if (parameter.at("/schema/type").asString("").equals("integer")
						&& (parameterName.endsWith("Id") || parameterName.endsWith("_id"))) {
					problems.add(name + ": parameter " + parameterName + " is a number");
				}
			});
		}));
		document.at("/components/schemas")
			.properties()
			.forEach((schema) -> schema.getValue().path("properties").properties().forEach((property) -> {
				String key = property.getKey();
				boolean idNamed = key.equals("id") || key.endsWith("Id") || key.endsWith("Ids");
				tools.jackson.databind.JsonNode value = property.getValue();
				String type = value.path("type").asString("");
				if (idNamed && (type.equals("integer") || value.at("/items/type").asString("").equals("integer"))) {
					problems.add(schema.getKey() + "." + key + " is a number");
				}
			}));
		assertThat(problems).isEmpty();
	}

	private tools.jackson.databind.JsonNode apiDocument() {
		HttpJson.Response anonymous = plain().get("/internal/openapi");
		assertThat(anonymous.status()).isEqualTo(401);
		HttpJson.Response response = plain().header(ContextSigner.HEADER, TestSecrets.system())
			.get("/internal/openapi");
		assertThat(response.status()).isEqualTo(200);
		return response.json();
	}

	private static String variablesUnnamed(String path) {
		return path.replaceAll("\\{[^/]*}", "{}");
	}

	@Test
	void unknownPathWithContextIs404InTheEnvelope() {
		HttpJson.Response response = plain().header(ContextSigner.HEADER, TestSecrets.tenant(1L, Environment.LIVE))
			.get("/v1/no-such-thing");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.code()).isEqualTo("not_found");
		assertThat(response.json().get("success").asBoolean()).isFalse();
	}

}
