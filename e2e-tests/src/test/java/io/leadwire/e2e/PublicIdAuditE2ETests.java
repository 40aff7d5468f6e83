package io.leadwire.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.leadwire.testing.HttpJson;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs last: walks every response the suites received through the gateway, and every log
 * line and gateway metric of the run.
 */
@Order(Integer.MAX_VALUE)
class PublicIdAuditE2ETests {

	private static final Pattern PUBLIC_ID = Pattern.compile("[A-Za-z0-9]{16,17}");

	static RunningPlatform platform;

	@BeforeAll
	static void start() throws Exception {
		platform = RunningPlatform.get();
		HttpJson client = platform.withKey(platform.tenant(1).get("liveKey").asString());
		for (int i = 0; i < 3; i++) {
			client.post("/v1/leads", Map.of("email", "audit" + i + "@globex.example"));
		}
		client.get("/v1/leads?limit=100");
	}

	@Test
	void everyIdInEveryResponseIsPublicAndNoInternalIdAppearsAnywhere() {
		List<HttpJson.Response> responses = platform.responses();
		assertThat(responses).hasSizeGreaterThan(30);
		Set<Long> internalIds = new HashSet<>();
		Map<String, Long> numbers = new java.util.HashMap<>();
		for (HttpJson.Response response : responses) {
			if (response.body() == null || response.body().isEmpty() || !isJson(response)) {
				continue;
			}
			walk(response.json(), "", internalIds, numbers);
		}
		assertThat(internalIds).as("ids seen").hasSizeGreaterThan(5);
		// A plain number equal to a resource's internal id is an id that escaped
		// encoding.
		numbers.forEach((path, number) -> assertThat(internalIds).as("number at %s is an internal id", path)
			.doesNotContain(number));
		// Anywhere else: a whole number standing on its own in the text (an id written
		// into a string). Request ids (UUIDs) and providers' message ids are masked
		// first; digits inside longer runs (a timestamp's nanoseconds, a phone number)
		// are not numbers of their own.
		java.util.regex.Pattern number = java.util.regex.Pattern.compile("(?<![0-9])[0-9]+(?![0-9])");
		for (HttpJson.Response response : responses) {
			String everything = (response.body() + response.raw().headers().map())
				.replaceAll("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", "<uuid>")
				// Providers' own message ids (WAHA's true_<chat>_<HEX>, Meta's wamid.…):
				// random hex can hold any run of digits.
				.replaceAll("(true|false)_[0-9]+@[a-z.]+_[0-9A-Fa-f]+", "<provider-id>")
				.replaceAll("wamid\\.[A-Za-z0-9=_-]+", "<wamid>");
			java.util.regex.Matcher matcher = number.matcher(everything);
			while (matcher.find()) {
				String found = matcher.group();
				if (found.length() <= 19 && internalIds.contains(Long.parseLong(found))) {
					throw new AssertionError("internal id " + found + " leaked in " + everything);
				}
			}
		}
	}

	@Test
	void noKeyUsedInTheRunAppearsInAnyLogOrMetric() throws Exception {
		// Full-length keys only: the suites' deliberately short garbage "keys" hold no
		// secret.
		Set<String> keys = new HashSet<>(platform.keysUsed());
		keys.removeIf((key) -> key.length() != io.leadwire.common.apikey.ApiKeyFormat.LENGTH);
		assertThat(keys).hasSizeGreaterThan(10);
		List<Path> logs;
		try (Stream<Path> files = Files.list(platform.logDirectory())) {
			logs = files.filter((file) -> file.toString().endsWith(".log")).toList();
		}
		assertThat(logs).hasSizeGreaterThanOrEqualTo(7);
		String metrics = new HttpJson(platform.gatewayManagementUrl()).get("/actuator/prometheus").body();
		assertThat(metrics).contains("leadwire_audit_dropped").contains("jvm_memory_used_bytes");
		for (String key : keys) {
			String secret = key.substring(11);
			assertThat(metrics).doesNotContain(secret);
			for (Path log : logs) {
				assertThat(Files.readString(log)).as("%s in %s", key.substring(0, 15), log.getFileName())
					.doesNotContain(secret);
			}
		}
	}

	private void walk(JsonNode node, String path, Set<Long> internalIds, Map<String, Long> numbers) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				String name = entry.getKey();
				JsonNode value = entry.getValue();
				if (CUSTOMERS_OWN.contains(name)) {
					continue;
				}
				if (isIdField(name) && !value.isNull()) {
					for (JsonNode id : value.isArray() ? value : List.of(value)) {
						assertThat(id.isString()).as("%s.%s is a string id", path, name).isTrue();
						assertThat(id.asString()).as("%s.%s", path, name).matches(PUBLIC_ID);
						OptionalLong decoded = platform.ids().decode(id.asString());
						assertThat(decoded).as("%s.%s decodes", path, name).isPresent();
						internalIds.add(decoded.getAsLong());
					}
				}
				walk(value, path + "." + name, internalIds, numbers);
			}
		}
		else if (node.isArray()) {
			for (JsonNode item : node) {
				walk(item, path + "[]", internalIds, numbers);
			}
		}
		else if (node.isIntegralNumber()) {
			numbers.put(path + "=" + node.asLong(), node.asLong());
		}
	}

	/**
	 * Resource ids; {@code requestId} is a correlation id chosen by the caller, not a
	 * resource.
	 */
	/** CSV exports carry public ids too, but are not JSON to walk. */
	private static boolean isJson(HttpJson.Response response) {
		return response.raw().headers().firstValue("Content-Type").orElse("application/json").contains("json");
	}

	/**
	 * Ids of external systems, passed through untouched (docs/api.md §1 "IDs"): WhatsApp
	 * chat ids, WABA and phone-number ids, Meta's template ids, a list row's id, inside
	 * providers' payloads.
	 */
	private static final java.util.Set<String> EXTERNAL_IDS = java.util.Set.of("chatId", "wabaId", "phoneNumberId",
			"whatsappId", "rowId", "metaTemplateId");

	/**
	 * Subtrees whose ids are the customers' own or the legacy example's names, never ours
	 * (the services declare them opaque to the gateway): custom fields, a list message's
	 * sections and rows, the strategies' ids ({@code sequential}, …), a template's
	 * examples (keyed by its variables' names).
	 */
	private static final java.util.Set<String> CUSTOMERS_OWN = java.util.Set.of("customFields", "sections",
			"strategies", "examples");

	private static boolean isIdField(String name) {
		return !name.equals("requestId") && !EXTERNAL_IDS.contains(name) && (name.equals("id") || name.endsWith("Id")
				|| name.endsWith("Ids") || name.equals("assignedTo") || name.equals("duplicateOf"));
	}

}
