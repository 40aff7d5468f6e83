package io.leadwire.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml}, checked without a Docker engine: parsed (anchors and merge
 * keys resolved as compose resolves them) and held against what each service really reads
 * ({@link ServiceConfiguration}) and serves.
 */
class ComposeFileTests {

	/** Variables every JVM image honours, not read through a placeholder. */
	private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

	private static final Pattern PINNED = Pattern.compile("[^:]+:v?\\d+(\\.\\d+)+([-_][\\w.-]+)?");

	static Map<String, Object> services;

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void parse() throws IOException {
		try (InputStream in = Files.newInputStream(ServiceConfiguration.PROJECT.resolve("docker-compose.yml"))) {
			Map<String, Object> compose = new Yaml().load(in);
			services = (Map<String, Object>) compose.get("services");
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> service(String name) {
		return (Map<String, Object>) services.get(name);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (value == null) ? Map.of() : (Map<String, Object>) value;
	}

	@Test
	void everyServiceIsBuiltFromThisRepository() {
		for (String name : ServiceConfiguration.SERVICES) {
			Map<String, Object> service = service(name);
			assertThat(service).as(name).isNotNull().doesNotContainKey("image");
			Map<String, Object> build = map(service.get("build"));
			assertThat(build.get("context")).as(name).isEqualTo(".");
			assertThat(map(build.get("args")).get("SERVICE")).as(name).isEqualTo(name);
		}
		assertThat(services).containsKeys("mongo", "kafka", "redis", "keycloak", "waha", "prometheus", "grafana");
	}

	/**
	 * Every variable a service must have where it is deployed (no default, or a default
	 * that only works on one machine) is supplied, and nothing is supplied that the
	 * service never reads (a misspelt name would silently fall back to the default).
	 */
	@Test
	void everyServiceGetsTheVariablesItReadsAndOnlyThose() {
		List<String> problems = new ArrayList<>();
		for (String name : ServiceConfiguration.SERVICES) {
			ServiceConfiguration config = ServiceConfiguration.of(name);
			Set<String> supplied = new TreeSet<>(map(service(name).get("environment")).keySet());
			for (String variable : config.required()) {
				if (!supplied.contains(variable)) {
					problems.add(name + " is not given " + variable);
				}
			}
			for (String variable : supplied) {
				if (!config.variables().containsKey(variable) && !JVM_VARIABLES.contains(variable)) {
					problems.add(name + " is given " + variable + ", which it never reads");
				}
			}
			Object port = map(service(name).get("environment")).get("PORT");
			assertThat(String.valueOf(port)).as(name + " PORT").isEqualTo(String.valueOf(config.port()));
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void healthChecksProbeEachServicesReadinessOnItsOwnPort() {
		assertThat(ServiceConfiguration.probesEnabled()).isTrue();
		for (String name : ServiceConfiguration.SERVICES) {
			ServiceConfiguration config = ServiceConfiguration.of(name);
			String test = String.valueOf(map(service(name).get("healthcheck")).get("test"));
			assertThat(test).as(name)
				.contains("/dev/tcp/127.0.0.1/" + config.probePort() + " ")
				.contains("GET /actuator/health/readiness ");
		}
	}

	/** Start order waits for health, and only on services that report it. */
	@Test
	void dependenciesWaitUntilHealthyOrCompleted() {
		List<String> problems = new ArrayList<>();
		services.forEach((name, value) -> map(map(value).get("depends_on")).forEach((dependency, how) -> {
			Object condition = map(how).get("condition");
			if ("service_healthy".equals(condition)) {
				if (!map(services.get(dependency)).containsKey("healthcheck")) {
					problems.add(name + " waits for " + dependency + ", which has no health check");
				}
			}
			else if (!"service_completed_successfully".equals(condition)) {
				problems.add(name + " starts after " + dependency + " without waiting (" + condition + ")");
			}
		}));
		assertThat(problems).isEmpty();
		assertThat(map(service("gateway").get("depends_on"))).containsKeys(ServiceConfiguration.SERVICES.stream()
			.filter((name) -> !name.equals("gateway"))
			.toArray(String[]::new));
	}

	@Test
	void imagesArePinnedByVersion() {
		services.forEach((name, value) -> {
			Object image = map(value).get("image");
			if (image != null) {
				String text = image.toString();
				// An image the operator must pin (WAHA: its tags are its releases).
				boolean operatorPinned = text.startsWith("${") && text.contains(":?");
				assertThat(operatorPinned || PINNED.matcher(text).matches()).as(name + " image " + text).isTrue();
			}
		});
	}

	/** No secret has a default: a value is required (${X:?…}) or optional and empty. */
	@Test
	void noSecretHasADefault() {
		Pattern secret = Pattern.compile(".*(SECRET|PASSWORD|SALT|API_KEY|SHA256).*");
		List<String> problems = new ArrayList<>();
		services.forEach((name, value) -> map(map(value).get("environment")).forEach((variable, setting) -> {
			String text = String.valueOf(setting);
			boolean required = text.matches("\\$\\{[A-Z0-9_]+:\\?[^}]*}");
			boolean emptyOptional = text.matches("\\$\\{[A-Z0-9_]+:-}");
			if (secret.matcher(variable).matches() && !required && !emptyOptional) {
				problems.add(name + " " + variable + "=" + text);
			}
		}));
		assertThat(problems).isEmpty();
	}

	/**
	 * Prometheus scrapes every service where it serves metrics; Grafana loads the
	 * dashboards.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void prometheusScrapesEveryServiceAndGrafanaIsProvisioned() throws IOException {
		Map<String, Object> prometheus;
		try (InputStream in = Files
			.newInputStream(ServiceConfiguration.PROJECT.resolve("deploy/prometheus/prometheus.yml"))) {
			prometheus = new Yaml().load(in);
		}
		Set<String> targets = new TreeSet<>();
		for (Map<String, Object> job : (List<Map<String, Object>>) prometheus.get("scrape_configs")) {
			assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
			for (Map<String, Object> group : (List<Map<String, Object>>) job.get("static_configs")) {
				targets.addAll((List<String>) group.get("targets"));
			}
		}
		for (String name : ServiceConfiguration.SERVICES) {
			assertThat(targets).contains(name + ":" + ServiceConfiguration.of(name).probePort());
		}
		assertThat(String.valueOf(service("prometheus").get("volumes")))
			.contains("./deploy/prometheus/prometheus.yml:");
		assertThat(String.valueOf(service("grafana").get("volumes"))).contains("./deploy/grafana/provisioning:")
			.contains("./deploy/grafana/dashboards:");
		assertThat(Files
			.exists(ServiceConfiguration.PROJECT.resolve("deploy/grafana/provisioning/datasources/prometheus.yml")))
			.isTrue();
	}

	/**
	 * The dashboards Grafana provisions: gateway, services and campaigns, each panel
	 * querying the provisioned Prometheus datasource (ObservabilityE2ETests checks their
	 * metrics exist).
	 */
	@Test
	void grafanaDashboardsQueryTheProvisionedDatasource() throws IOException {
		Map<String, Object> datasources;
		try (InputStream in = Files.newInputStream(
				ServiceConfiguration.PROJECT.resolve("deploy/grafana/provisioning/datasources/prometheus.yml"))) {
			datasources = new Yaml().load(in);
		}
		Object uid = map(((List<?>) datasources.get("datasources")).get(0)).get("uid");
		tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
		Set<String> titles = new TreeSet<>();
		for (String name : List.of("gateway", "services", "campaigns")) {
			tools.jackson.databind.JsonNode dashboard = json.readTree(Files
				.readString(ServiceConfiguration.PROJECT.resolve("deploy/grafana/dashboards/" + name + ".json")));
			titles.add(dashboard.get("title").asString());
			assertThat(dashboard.get("uid").asString()).isEqualTo("leadwire-" + name);
			assertThat(dashboard.get("panels")).isNotEmpty();
			dashboard.get("panels").forEach((panel) -> {
				assertThat(panel.at("/datasource/uid").asString()).as(panel.get("title").asString()).isEqualTo(uid);
				assertThat(panel.get("targets")).isNotEmpty();
				panel.get("targets").forEach((target) -> assertThat(target.get("expr").asString()).isNotBlank());
			});
		}
		assertThat(titles).hasSize(3);
	}

	/**
	 * One image pattern: built here, layered, run by a non-root user, base images pinned.
	 */
	@Test
	void theDockerfileBuildsLayeredNonRootImages() {
		String dockerfile = ServiceConfiguration.read(ServiceConfiguration.PROJECT.resolve("Dockerfile"));
		assertThat(dockerfile).contains("-Djarmode=tools").contains("extract --layers").contains("USER 10001");
		dockerfile.lines()
			.filter((line) -> line.startsWith("FROM "))
			.forEach((line) -> assertThat(PINNED.matcher(line.split(" ")[1]).matches()).as(line).isTrue());
		for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
			assertThat(dockerfile).contains("/layers/" + layer + "/");
		}
		assertThat(Path.of("..", ".dockerignore").toFile()).exists();
	}

}
