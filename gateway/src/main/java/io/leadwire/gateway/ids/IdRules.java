package io.leadwire.gateway.ids;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import io.leadwire.common.json.SnakeCaseAliases;

/**
 * Which parts of a route's traffic are ids, declared by the route's service
 * ({@link ServiceIdRules}; never guessed): {@code id-fields} names JSON fields and query
 * parameters (camelCase; the snake_case spelling is implied), {@code id-paths} lists path
 * patterns whose {@code {id}} or {@code {…Id}} variables are ids. Patterns are tried in
 * order and the first match wins, so literal paths such as {@code /v1/leads/import} go
 * before {@code /v1/leads/{id}/**}. {@code opaque} names fields whose subtrees hold the
 * customers' own ids (a list message's rows, the legacy example's strategy ids): never
 * rewritten.
 */
public record IdRules(Set<String> fields, List<PathPattern> paths, Set<String> opaque) {

	static final IdRules NONE = new IdRules(Set.of(), List.of(), Set.of());

	private static final PathPatternParser PARSER = new PathPatternParser();

	/**
	 * Rules as a service declares them: field names (snake_case implied) and path
	 * patterns.
	 */
	static IdRules of(java.util.Collection<String> fieldNames, java.util.Collection<String> pathPatterns) {
		return of(fieldNames, pathPatterns, List.of());
	}

	/** With the service's opaque fields (snake_case implied). */
	static IdRules of(java.util.Collection<String> fieldNames, java.util.Collection<String> pathPatterns,
			java.util.Collection<String> opaqueNames) {
		Set<String> fields = fieldNames.stream()
			.flatMap((name) -> java.util.stream.Stream.of(name, snakeCase(name)))
			.collect(Collectors.toUnmodifiableSet());
		List<PathPattern> paths = pathPatterns.stream().map(PARSER::parse).toList();
		Set<String> opaque = opaqueNames.stream()
			.flatMap((name) -> java.util.stream.Stream.of(name, snakeCase(name)))
			.collect(Collectors.toUnmodifiableSet());
		return (fields.isEmpty() && paths.isEmpty() && opaque.isEmpty()) ? NONE : new IdRules(fields, paths, opaque);
	}

	static IdRules fromMetadata(Map<String, Object> metadata) {
		Set<String> fields = values(metadata.get("id-fields")).stream()
			.flatMap((name) -> java.util.stream.Stream.of(name, snakeCase(name)))
			.collect(Collectors.toUnmodifiableSet());
		List<PathPattern> paths = values(metadata.get("id-paths")).stream().map(PARSER::parse).toList();
		return (fields.isEmpty() && paths.isEmpty()) ? NONE : new IdRules(fields, paths, Set.of());
	}

	/**
	 * The path's id variables by name, or an empty map when no declared pattern has any.
	 */
	Map<String, String> pathIds(String path) {
		PathContainer container = PathContainer.parsePath(path);
		for (PathPattern pattern : this.paths) {
			PathPattern.PathMatchInfo match = pattern.matchAndExtract(container);
			if (match != null) {
				return match.getUriVariables()
					.entrySet()
					.stream()
					.filter((entry) -> isIdVariable(entry.getKey()))
					.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
			}
		}
		return Map.of();
	}

	private static boolean isIdVariable(String name) {
		return name.equals("id") || name.endsWith("Id");
	}

	static String snakeCase(String camel) {
		return SnakeCaseAliases.snakeCase(camel);
	}

	private static List<String> values(Object value) {
		List<String> result = new ArrayList<>();
		if (value instanceof String text) {
			for (String part : text.split(",")) {
				if (!part.isBlank()) {
					result.add(part.trim());
				}
			}
		}
		else if (value instanceof Map<?, ?> map) {
			map.values().forEach((item) -> result.addAll(values(item)));
		}
		else if (value instanceof Collection<?> collection) {
			collection.forEach((item) -> result.addAll(values(item)));
		}
		return result;
	}

}
