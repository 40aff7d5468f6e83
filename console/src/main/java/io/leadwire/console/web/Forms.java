package io.leadwire.console.web;

import java.util.Set;

import org.springframework.validation.BindingResult;

import io.leadwire.console.api.ApiException;

/** What the screens share in handling a form the API refused. */
final class Forms {

	private Forms() {
	}

	/**
	 * The API's field errors beside the form's fields they name (the API's names are the
	 * form's); the others, and the message itself, as the form's error.
	 */
	static void reject(BindingResult binding, ApiException ex, String... formFields) {
		Set<String> known = Set.of(formFields);
		boolean placed = false;
		for (ApiException.FieldProblem problem : ex.fields()) {
			if (known.contains(problem.field())) {
				binding.rejectValue(problem.field(), ex.code(), problem.message());
				placed = true;
			}
		}
		if (!placed || ex.fields().size() > 1) {
			binding.reject(ex.code(), ex.getMessage());
		}
	}

	/**
	 * As {@link #reject(BindingResult, ApiException, String...)}, for a form whose fields
	 * are named otherwise than the API's: {@code fields} maps the API's name to the
	 * form's.
	 */
	static void reject(BindingResult binding, ApiException ex, java.util.Map<String, String> fields) {
		boolean placed = false;
		for (ApiException.FieldProblem problem : ex.fields()) {
			String field = fields.get(problem.field());
			if (field != null) {
				binding.rejectValue(field, ex.code(), problem.message());
				placed = true;
			}
		}
		if (!placed || ex.fields().size() > 1) {
			binding.reject(ex.code(), ex.getMessage());
		}
	}

	/** A public id as one path segment: only what ids are made of, else refused. */
	static String pathSegment(String id) {
		if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
			throw new ApiException(404, "not_found", "Not found", java.util.List.of());
		}
		return id;
	}

}
