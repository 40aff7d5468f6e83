package io.leadwire.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code k8s/}, rendered overlay by overlay and checked against each service's real
 * configuration ({@link ServiceConfiguration}): ports, probes, variables, hardening, and
 * a NetworkPolicy that lets in exactly the callers whose configuration names the service.
 */
class KubernetesManifestsTests {

	private static final Path K8S = ServiceConfiguration.PROJECT.resolve("k8s");

	private static final Map<String, Map<String, Map<String, Object>>> RENDERED = new HashMap<>();

	/**
	 * "Kind/name" → object, as kubectl kustomize renders the overlay (or MiniKustomize).
	 */
	private static Map<String, Map<String, Object>> render(String overlay) {
		return RENDERED.computeIfAbsent(overlay,
				(o) -> byKindAndName(MiniKustomize.render(K8S.resolve("overlays/" + o))));
	}

	private static Map<String, Map<String, Object>> byKindAndName(List<Map<String, Object>> objects) {
		Map<String, Map<String, Object>> out = new TreeMap<>();
		objects.forEach((object) -> out.put(object.get("kind") + "/" + MiniKustomize.name(object), object));
		return out;
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void kubectlKustomizeRendersTheSameObjects(String overlay) throws Exception {
		Path kubectl = Path.of("/usr/bin/kubectl");
		Assumptions.assumeTrue(Files.isExecutable(kubectl), "no kubectl here: MiniKustomize alone renders");
		Process process = new ProcessBuilder(kubectl.toString(), "kustomize",
				K8S.resolve("overlays/" + overlay).toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		List<Map<String, Object>> objects = new ArrayList<>();
		for (Object document : new Yaml().loadAll(output)) {
			objects.add(asMap(document));
		}
		assertThat(byKindAndName(objects)).isEqualTo(render(overlay));
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void everyServiceHasItsObjectsWithItsRealPortsAndProbes(String overlay) {
		Map<String, Map<String, Object>> objects = render(overlay);
		for (String name : ServiceConfiguration.SERVICES) {
			ServiceConfiguration config = ServiceConfiguration.of(name);
			for (String kind : List.of("Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler",
					"NetworkPolicy")) {
				assertThat(objects).as(overlay).containsKey(kind + "/" + name);
			}
			Map<String, Object> container = container(objects.get("Deployment/" + name));
			Map<String, Integer> ports = new HashMap<>();
			list(container.get("ports"))
				.forEach((port) -> ports.put((String) port.get("name"), (Integer) port.get("containerPort")));
			assertThat(ports.get("http")).as(name).isEqualTo(config.port());
			for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
				Map<String, Object> get = asMap(asMap(container.get(probe)).get("httpGet"));
				assertThat(ports.get((String) get.get("port"))).as(name + " " + probe).isEqualTo(config.probePort());
				assertThat(get.get("path")).as(name + " " + probe)
					.isEqualTo(probe.equals("readinessProbe") ? "/actuator/health/readiness"
							: "/actuator/health/liveness");
			}
			Map<String, Object> annotations = asMap(
					asMap(asMap(asMap(objects.get("Deployment/" + name).get("spec")).get("template")).get("metadata"))
						.get("annotations"));
			assertThat(annotations).containsEntry("prometheus.io/port", String.valueOf(config.probePort()))
				.containsEntry("prometheus.io/path", "/actuator/prometheus");
			Map<String, Object> service = asMap(
					list(asMap(objects.get("Service/" + name).get("spec")).get("ports")).get(0));
			assertThat(service.get("port")).isEqualTo(config.port());
			assertThat(service.get("targetPort")).isEqualTo("http");
			Map<String, Object> hpa = asMap(objects.get("HorizontalPodAutoscaler/" + name).get("spec"));
			assertThat(asMap(hpa.get("scaleTargetRef")).get("name")).isEqualTo(name);
		}
		assertThat(ServiceConfiguration.probesEnabled()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void podsRunAsNonRootOnAReadOnlyFilesystemWithoutCapabilitiesAndWithLimits(String overlay) {
		Map<String, Map<String, Object>> objects = render(overlay);
		for (String name : ServiceConfiguration.SERVICES) {
			Map<String, Object> pod = pod(objects.get("Deployment/" + name));
			assertThat(asMap(pod.get("securityContext"))).containsEntry("runAsNonRoot", true);
			assertThat(pod).containsEntry("automountServiceAccountToken", false);
			Map<String, Object> container = container(objects.get("Deployment/" + name));
			Map<String, Object> security = asMap(container.get("securityContext"));
			assertThat(security).containsEntry("readOnlyRootFilesystem", true)
				.containsEntry("allowPrivilegeEscalation", false);
			assertThat(asMap(security.get("capabilities")).get("drop")).isEqualTo(List.of("ALL"));
			Map<String, Object> resources = asMap(container.get("resources"));
			assertThat(asMap(resources.get("requests"))).containsKeys("cpu", "memory");
			assertThat(asMap(resources.get("limits"))).containsKeys("cpu", "memory");
			assertThat((String) container.get("image")).doesNotEndWith(":latest").contains(":");
		}
	}

	/**
	 * A service gets every variable it must have (from its own env or the shared
	 * ConfigMap), reads every variable it is given, and every secret key is documented.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void everyServiceGetsTheVariablesItReads(String overlay) throws IOException {
		Map<String, Map<String, Object>> objects = render(overlay);
		Set<String> shared = asMap(objects.get("ConfigMap/leadwire-config").get("data")).keySet();
		Set<String> readByAnyone = new TreeSet<>();
		String readme = Files.readString(K8S.resolve("README.md"));
		List<String> problems = new ArrayList<>();
		for (String name : ServiceConfiguration.SERVICES) {
			ServiceConfiguration config = ServiceConfiguration.of(name);
			readByAnyone.addAll(config.variables().keySet());
			Map<String, Object> container = container(objects.get("Deployment/" + name));
			Set<String> supplied = new TreeSet<>(shared);
			for (Map<String, Object> variable : list(container.get("env"))) {
				String variableName = (String) variable.get("name");
				supplied.add(variableName);
				if (!config.variables().containsKey(variableName)) {
					problems.add(name + " is given " + variableName + ", which it never reads");
				}
				Object from = asMap(variable.get("valueFrom")).get("secretKeyRef");
				if (from != null && !readme.contains("`" + asMap(from).get("key") + "`")) {
					problems.add("secret key " + asMap(from).get("key") + " is not in k8s/README.md");
				}
			}
			config.required()
				.stream()
				.filter((variable) -> !supplied.contains(variable))
				.forEach((variable) -> problems.add(name + " is not given " + variable));
		}
		shared.stream()
			.filter((key) -> !readByAnyone.contains(key))
			.forEach((key) -> problems.add("leadwire-config holds " + key + ", which no service reads"));
		assertThat(problems).isEmpty();
	}

	/**
	 * Only the gateway takes outside traffic; a service takes traffic only from the
	 * services whose configuration names it (their *_SERVICE_URL) and Prometheus; egress
	 * is DNS, the stores each service reads, and the services it calls.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void networkPoliciesLetInOnlyDeclaredCallersAndOutOnlyWhatEachNeeds(String overlay) {
		Map<String, Map<String, Object>> objects = render(overlay);
		Map<String, Object> deny = asMap(objects.get("NetworkPolicy/default-deny").get("spec"));
		assertThat(asMap(deny.get("podSelector"))).isEmpty();
		assertThat(deny.get("policyTypes")).isEqualTo(List.of("Ingress", "Egress"));
		Map<String, ServiceConfiguration> configs = new HashMap<>();
		ServiceConfiguration.SERVICES.forEach((name) -> configs.put(name, ServiceConfiguration.of(name)));
		for (String name : ServiceConfiguration.SERVICES) {
			ServiceConfiguration config = configs.get(name);
			Map<String, Object> spec = asMap(objects.get("NetworkPolicy/" + name).get("spec"));
			assertThat(asMap(asMap(spec.get("podSelector")).get("matchLabels"))).containsEntry("app.kubernetes.io/name",
					name);
			Set<String> callers = new TreeSet<>();
			boolean fromAnywhere = false;
			boolean prometheus = false;
			for (Map<String, Object> rule : list(spec.get("ingress"))) {
				if (!rule.containsKey("from")) {
					fromAnywhere = true;
					continue;
				}
				for (Map<String, Object> peer : list(rule.get("from"))) {
					if (peer.containsKey("podSelector")) {
						callers.add(podName(peer));
						assertThat(ports(rule)).containsExactly(config.port());
					}
					else {
						prometheus = asMap(asMap(peer.get("namespaceSelector")).get("matchLabels"))
							.containsKey("leadwire.io/monitoring");
						assertThat(ports(rule)).containsExactly(config.probePort());
					}
				}
			}
			assertThat(fromAnywhere).as(name + " open to outside traffic").isEqualTo(name.equals("gateway"));
			assertThat(prometheus).as(name + " scraped by Prometheus").isTrue();
			Set<String> declared = new TreeSet<>();
			configs.forEach((caller, callerConfig) -> {
				if (!caller.equals(name) && callerConfig.variables().containsKey(urlVariable(name))) {
					declared.add(caller);
				}
			});
			if (!name.equals("gateway")) {
				assertThat(callers).as(name + " callers").isEqualTo(declared);
			}

			Set<String> callees = new TreeSet<>();
			Set<Integer> storePorts = new TreeSet<>();
			for (Map<String, Object> rule : list(spec.get("egress"))) {
				for (Map<String, Object> peer : list(rule.get("to"))) {
					if (peer.containsKey("podSelector")) {
						String callee = podName(peer);
						callees.add(callee);
						assertThat(ports(rule)).containsExactly(configs.get(callee).port());
					}
					else if (peer.containsKey("namespaceSelector")) {
						storePorts.addAll(ports(rule));
					}
				}
			}
			Set<String> calls = new TreeSet<>();
			configs.keySet()
				.stream()
				.filter((callee) -> !callee.equals(name) && config.variables().containsKey(urlVariable(callee)))
				.forEach(calls::add);
			assertThat(callees).as(name + " calls").isEqualTo(calls);
			Set<Integer> needed = new TreeSet<>();
			if (config.variables().containsKey("KAFKA_BOOTSTRAP_SERVERS")) {
				needed.add(9092);
			}
			if (config.variables().containsKey("MONGODB_URI")) {
				needed.add(27017);
			}
			if (config.variables().containsKey("REDIS_ADDRESS")) {
				needed.add(6379);
			}
			if (config.variables().containsKey("KEYCLOAK_URL")
					|| config.variables().containsKey("LEADWIRE_JWT_JWK_SET_URI")
					|| config.variables().containsKey("LEADWIRE_KEYCLOAK_BACKCHANNEL_ISSUER")) {
				needed.add(8180);
			}
			if (config.variables().containsKey("LEADWIRE_WAHA_URL")) {
				needed.add(3000);
			}
			assertThat(storePorts).as(name + " store ports").isEqualTo(needed);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void storesAreExternalServicesNamedByTheSharedConfiguration(String overlay) {
		Map<String, Map<String, Object>> objects = render(overlay);
		Map<String, Object> config = asMap(objects.get("ConfigMap/leadwire-config").get("data"));
		for (String store : List.of("mongodb", "kafka-bootstrap", "redis", "keycloak", "waha")) {
			assertThat(asMap(objects.get("Service/" + store).get("spec"))).containsEntry("type", "ExternalName");
		}
		assertThat((String) config.get("MONGODB_URI")).startsWith("mongodb://mongodb:27017/");
		assertThat(config.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka-bootstrap:9092");
		assertThat(config.get("REDIS_ADDRESS")).isEqualTo("redis:6379");
		for (String name : ServiceConfiguration.SERVICES) {
			if (config.containsKey(urlVariable(name))) {
				assertThat(config.get(urlVariable(name)))
					.isEqualTo("http://" + name + ":" + ServiceConfiguration.of(name).port());
			}
		}
	}

	/** Production never drops below two replicas, even through a node drain. */
	@org.junit.jupiter.api.Test
	void productionKeepsAtLeastTwoReplicasOfEverything() {
		Map<String, Map<String, Object>> objects = render("prod");
		for (String name : ServiceConfiguration.SERVICES) {
			assertThat((Integer) asMap(objects.get("HorizontalPodAutoscaler/" + name).get("spec")).get("minReplicas"))
				.as(name)
				.isGreaterThanOrEqualTo(2);
			assertThat((Integer) asMap(objects.get("Deployment/" + name).get("spec")).get("replicas"))
				.isGreaterThanOrEqualTo(2);
			assertThat((Integer) asMap(objects.get("PodDisruptionBudget/" + name).get("spec")).get("minAvailable"))
				.isGreaterThanOrEqualTo(1);
		}
	}

	private static String urlVariable(String service) {
		return service.replace("-service", "").toUpperCase(Locale.ROOT) + "_SERVICE_URL";
	}

	private static String podName(Map<String, Object> peer) {
		return (String) asMap(asMap(peer.get("podSelector")).get("matchLabels")).get("app.kubernetes.io/name");
	}

	private static Set<Integer> ports(Map<String, Object> rule) {
		Set<Integer> ports = new TreeSet<>();
		list(rule.get("ports")).forEach((port) -> ports.add((Integer) port.get("port")));
		return ports;
	}

	private static Map<String, Object> pod(Map<String, Object> deployment) {
		return asMap(asMap(asMap(deployment.get("spec")).get("template")).get("spec"));
	}

	private static Map<String, Object> container(Map<String, Object> deployment) {
		return list(pod(deployment).get("containers")).get(0);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> asMap(Object value) {
		return (value == null) ? Map.of() : (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Object value) {
		return (value == null) ? List.of() : (List<Map<String, Object>>) value;
	}

}
