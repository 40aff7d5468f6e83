package io.leadwire.messaging.template;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /v1/templates} and {@code PUT /v1/templates/{id}} (snake_case or
 * camelCase): Meta's rules for a template — a name of lowercase letters, digits and
 * underscores, a language code ({@code en_US}, {@code pt_BR}, {@code fr}), a category, a
 * body of at most 1,024 characters whose variables are named ({@code {{first_name}}}), an
 * optional header and footer of at most 60 characters (the header may hold one variable,
 * the footer none), and an example value for every variable.
 */
record TemplateRequest(
		@NotBlank @Size(max = 512) @Pattern(regexp = "[a-z0-9_]+",
				message = "lowercase letters, digits and underscores only (Meta's rule)") String name,
		@NotBlank @Pattern(regexp = "[a-z]{2,3}(_[A-Z]{2})?",
				message = "a language code such as en_US, pt_BR or fr") String language,
		@NotBlank @Pattern(regexp = "MARKETING|UTILITY|AUTHENTICATION",
				message = "one of MARKETING, UTILITY, AUTHENTICATION") String category,
		@Size(max = 60) String header, @NotBlank @Size(max = 1024) String body, @Size(max = 60) String footer,
		@Size(max = 50) Map<@Size(max = 60) String, @NotBlank @Size(max = 200) String> examples) {
}
