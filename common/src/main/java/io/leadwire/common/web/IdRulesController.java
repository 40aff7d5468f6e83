package io.leadwire.common.web;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.context.RequestContext;

/**
 * Which parts of this service's traffic are public ids, for the gateway (service-owned id
 * rules: a service that adds an id field deploys without a gateway change).
 * {@code fields} are the JSON fields and query parameters holding ids, declared next to
 * the service's records in {@code leadwire.ids.fields}; {@code paths} are this service's
 * own public routes, most specific first, whose {@code {id}} and {@code {…Id}} variables
 * are ids. Only the gateway (a system context) may read them.
 */
@RestController
public class IdRulesController {

	private static final PathPatternParser PARSER = new PathPatternParser();

	private final List<String> fields;

	/**
	 * Fields whose subtrees hold the customers' own ids ({@code leadwire.ids.opaque}).
	 */
	private final List<String> opaque;

	private final RequestMappingHandlerMapping mappings;

	public IdRulesController(org.springframework.core.env.Environment environment,
			@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
		this.fields = declaredFields(environment);
		this.opaque = org.springframework.boot.context.properties.bind.Binder.get(environment)
			.bind("leadwire.ids.opaque", org.springframework.boot.context.properties.bind.Bindable.listOf(String.class))
			.map(List::copyOf)
			.orElse(List.of());
		this.mappings = mappings;
	}

	@GetMapping("/internal/id-rules")
	ApiResponse<IdRules> rules(RequestContext context) {
		context.requireScope(RequestContext.Scope.SYSTEM);
		return ApiResponse.ok(new IdRules(this.fields, paths(), this.opaque));
	}

	/** {@code leadwire.ids.fields}, a list in the service's configuration. */
	public static List<String> declaredFields(org.springframework.core.env.Environment environment) {
		return org.springframework.boot.context.properties.bind.Binder.get(environment)
			.bind("leadwire.ids.fields", org.springframework.boot.context.properties.bind.Bindable.listOf(String.class))
			.map(List::copyOf)
			.orElse(List.of());
	}

	/** The public route patterns, literal ones before those with variables. */
	List<String> paths() {
		Set<String> patterns = new LinkedHashSet<>();
		for (RequestMappingInfo info : this.mappings.getHandlerMethods().keySet()) {
			if (info.getPathPatternsCondition() != null) {
				info.getPathPatternsCondition()
					.getPatternValues()
					.stream()
					.filter((pattern) -> pattern.startsWith("/v1/"))
					.forEach(patterns::add);
			}
		}
		Comparator<PathPattern> specificity = PathPattern.SPECIFICITY_COMPARATOR;
		return patterns.stream()
			// A variable's own regex ({id:\d+}) is about internal ids; public ids are
			// alphanumeric, so the gateway matches the variable without it.
			.map((pattern) -> pattern.replaceAll("\\{(\\w+):[^/]*\\}", "{$1}"))
			.distinct()
			.map(PARSER::parse)
			.sorted(specificity.thenComparing(PathPattern::getPatternString))
			.map(PathPattern::getPatternString)
			.toList();
	}

	/** The rules as the gateway reads them. */
	public record IdRules(List<String> fields, List<String> paths, List<String> opaque) {
	}

}
