package io.leadwire.common.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Request examples taken verbatim from the older products' API documents (the legacy
 * examples, docs/api.md), with their ids replaced by a public id: {@code "POST
 * /v1/waha/send" → {"Send Image": {…}}}. A path's variables are written {@code {}}, so
 * the file need not know their names.
 */
record SeedExamples(Map<String, Map<String, Object>> byOperation) {

	static final SeedExamples NONE = new SeedExamples(Map.of());

	static SeedExamples load(ObjectMapper json, String resource) {
		ClassPathResource file = new ClassPathResource(resource);
		if (!file.exists()) {
			return NONE;
		}
		try (InputStream in = file.getInputStream()) {
			return new SeedExamples(json.readValue(in, new TypeReference<LinkedHashMap<String, Map<String, Object>>>() {
			}));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The named examples of one operation, or an empty map. */
	Map<String, Object> of(String method, String path) {
		return this.byOperation.getOrDefault(method + " " + path.replaceAll("\\{[^}]*}", "{}"), Map.of());
	}

}
