package io.leadwire.common.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

/**
 * The envelope of every JSON response, success or error (docs/api.md §1).
 */
public record ApiResponse<T>(boolean success, int status, String message, T data,
		@JsonInclude(Include.NON_NULL) String code, @JsonInclude(Include.NON_NULL) List<FieldError> errors, Meta meta) {

	public static final String VERSION = "v1";

	public static <T> ApiResponse<T> ok(T data) {
		return of(200, data);
	}

	/**
	 * For callers without an MDC (reactive code), which pass the request id themselves.
	 */
	public static <T> ApiResponse<T> ok(T data, String requestId) {
		return new ApiResponse<>(true, 200, "Success", data, null, null,
				new Meta(Instant.now(), VERSION, requestId, null));
	}

	public static <T> ApiResponse<T> created(T data) {
		return of(201, data);
	}

	public static <T> ApiResponse<T> of(int status, T data) {
		return new ApiResponse<>(true, status, "Success", data, null, null, Meta.now(null));
	}

	public static <T> ApiResponse<List<T>> page(List<T> items, Pagination pagination) {
		return new ApiResponse<>(true, 200, "Success", items, null, null, Meta.now(pagination));
	}

	public static ApiResponse<Void> error(int status, String code, String message, List<FieldError> errors) {
		return error(status, code, message, errors, RequestIds.current());
	}

	/**
	 * For callers without an MDC (reactive code), which pass the request id themselves.
	 */
	public static ApiResponse<Void> error(int status, String code, String message, List<FieldError> errors,
			String requestId) {
		return new ApiResponse<>(false, status, message, null, code, errors == null || errors.isEmpty() ? null : errors,
				new Meta(Instant.now(), VERSION, requestId, null));
	}

	public record Meta(Instant timestamp, String version, String requestId,
			@JsonInclude(Include.NON_NULL) Pagination pagination) {

		static Meta now(Pagination pagination) {
			return new Meta(Instant.now(), VERSION, RequestIds.current(), pagination);
		}

	}

	public record FieldError(String field, String message) {
	}

}
