package io.leadwire.console.api;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An error answer of the public API: its status, code, message and field errors, shown to
 * the user as the API gave them (beside the fields they name).
 */
public class ApiException extends RuntimeException {

	private final int status;

	private final String code;

	private final List<FieldProblem> fields;

	public ApiException(int status, String code, String message, List<FieldProblem> fields) {
		super(message);
		this.status = status;
		this.code = code;
		this.fields = List.copyOf(fields);
	}

	public int status() {
		return this.status;
	}

	public String code() {
		return this.code;
	}

	public List<FieldProblem> fields() {
		return this.fields;
	}

	/** The field errors by field name (the first message of each). */
	public Map<String, String> byField() {
		return this.fields.stream()
			.collect(Collectors.toMap(FieldProblem::field, FieldProblem::message, (first, second) -> first));
	}

	/** One entry of an error's {@code errors}. */
	public record FieldProblem(String field, String message) {
	}

}
