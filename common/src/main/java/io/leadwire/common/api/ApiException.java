package io.leadwire.common.api;

import java.util.List;

/**
 * A failure with a stable machine {@code code} and a message that is safe to show to the
 * caller.
 */
public class ApiException extends RuntimeException {

	private final int status;

	private final String code;

	private final transient List<ApiResponse.FieldError> errors;

	private java.time.Duration retryAfter;

	public ApiException(int status, String code, String message) {
		this(status, code, message, List.of());
	}

	public ApiException(int status, String code, String message, List<ApiResponse.FieldError> errors) {
		super(message, null, false, false);
		this.status = status;
		this.code = code;
		this.errors = List.copyOf(errors);
	}

	public static ApiException notFound() {
		return new ApiException(404, ErrorCodes.NOT_FOUND, "Resource not found");
	}

	public static ApiException badRequest(String message) {
		return new ApiException(400, ErrorCodes.BAD_REQUEST, message);
	}

	public static ApiException forbidden(String code, String message) {
		return new ApiException(403, code, message);
	}

	public static ApiException conflict(String code, String message) {
		return new ApiException(409, code, message);
	}

	public static ApiException validation(String field, String message) {
		return validation(List.of(new ApiResponse.FieldError(field, message)));
	}

	public static ApiException validation(List<ApiResponse.FieldError> errors) {
		return new ApiException(422, ErrorCodes.VALIDATION_FAILED, "Validation failed", errors);
	}

	public int status() {
		return this.status;
	}

	public String code() {
		return this.code;
	}

	/**
	 * For a 429 or 503: when to try again ({@code Retry-After}, whole seconds, at least
	 * 1).
	 */
	public ApiException retryAfter(java.time.Duration after) {
		this.retryAfter = after;
		return this;
	}

	public java.time.Duration retryAfter() {
		return this.retryAfter;
	}

	public List<ApiResponse.FieldError> errors() {
		return this.errors;
	}

}
