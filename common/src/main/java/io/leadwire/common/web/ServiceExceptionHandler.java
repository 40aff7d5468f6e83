package io.leadwire.common.web;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.ErrorCodes;

/**
 * The one mapping from exceptions to the envelope for every service. Messages that leave
 * here are written for callers; internal details go to the log only.
 */
@RestControllerAdvice
public class ServiceExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ServiceExceptionHandler.class);

	@ExceptionHandler(ApiException.class)
	ResponseEntity<ApiResponse<Void>> api(ApiException ex) {
		ResponseEntity<ApiResponse<Void>> response = respond(ex.status(), ex.code(), ex.getMessage(), ex.errors());
		if (ex.retryAfter() == null) {
			return response;
		}
		long seconds = Math.max(1, (ex.retryAfter().toMillis() + 999) / 1000);
		return ResponseEntity.status(response.getStatusCode())
			.headers(response.getHeaders())
			.header(org.springframework.http.HttpHeaders.RETRY_AFTER, Long.toString(seconds))
			.body(response.getBody());
	}

	@ExceptionHandler(BindException.class)
	ResponseEntity<ApiResponse<Void>> invalid(BindException ex) {
		List<ApiResponse.FieldError> errors = ex.getFieldErrors()
			.stream()
			.map((error) -> new ApiResponse.FieldError(error.getField(), error.getDefaultMessage()))
			.toList();
		return respond(422, ErrorCodes.VALIDATION_FAILED, "Validation failed", errors);
	}

	@ExceptionHandler(HandlerMethodValidationException.class)
	ResponseEntity<ApiResponse<Void>> invalid(HandlerMethodValidationException ex) {
		List<ApiResponse.FieldError> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> new ApiResponse.FieldError(result.getMethodParameter().getParameterName(),
						error.getDefaultMessage())))
			.toList();
		return respond(422, ErrorCodes.VALIDATION_FAILED, "Validation failed", errors);
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ApiResponse<Void>> unreadable(HttpMessageNotReadableException ex) {
		log.debug("Unreadable request body", ex);
		// A value of the wrong type or an unknown enum value: name the field, as
		// docs/api.md
		// asks.
		tools.jackson.databind.DatabindException binding = null;
		for (Throwable cause = ex.getCause(); cause != null && binding == null; cause = cause.getCause()) {
			if (cause instanceof tools.jackson.databind.DatabindException found && !found.getPath().isEmpty()) {
				binding = found;
			}
		}
		if (binding != null) {
			String field = binding.getPath()
				.stream()
				.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
						: "[" + reference.getIndex() + "]")
				.reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
				.orElse("body");
			return respond(400, ErrorCodes.BAD_REQUEST, "Invalid field types or values",
					List.of(new ApiResponse.FieldError(field, "wrong type or unknown value")));
		}
		return respond(400, ErrorCodes.BAD_REQUEST,
				"Malformed request body: expected valid JSON of the documented shape", null);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ApiResponse<Void>> typeMismatch(MethodArgumentTypeMismatchException ex) {
		return respond(400, ErrorCodes.BAD_REQUEST, "Invalid value for parameter '" + ex.getName() + "'",
				List.of(new ApiResponse.FieldError(ex.getName(), "invalid value")));
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ResponseEntity<ApiResponse<Void>> missingParameter(MissingServletRequestParameterException ex) {
		return respond(422, ErrorCodes.VALIDATION_FAILED, "Validation failed",
				List.of(new ApiResponse.FieldError(ex.getParameterName(), "is required")));
	}

	@ExceptionHandler(NoResourceFoundException.class)
	ResponseEntity<ApiResponse<Void>> noRoute(NoResourceFoundException ex) {
		return respond(404, ErrorCodes.NOT_FOUND, "Resource not found", null);
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<ApiResponse<Void>> method(HttpRequestMethodNotSupportedException ex) {
		return respond(405, ErrorCodes.METHOD_NOT_ALLOWED, "Method " + ex.getMethod() + " is not allowed here", null);
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ApiResponse<Void>> mediaType(HttpMediaTypeNotSupportedException ex) {
		String supported = ex.getSupportedMediaTypes().isEmpty() ? "application/json"
				: ex.getSupportedMediaTypes().get(0).toString();
		return respond(415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE, "Content type not supported; send " + supported, null);
	}

	@ExceptionHandler(MissingServletRequestPartException.class)
	ResponseEntity<ApiResponse<Void>> missingPart(MissingServletRequestPartException ex) {
		return respond(422, ErrorCodes.VALIDATION_FAILED, "Validation failed",
				List.of(new ApiResponse.FieldError(ex.getRequestPartName(), "is required")));
	}

	@ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
	ResponseEntity<ApiResponse<Void>> notAcceptable(HttpMediaTypeNotAcceptableException ex) {
		return respond(406, ErrorCodes.BAD_REQUEST, "This resource is available as application/json", null);
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ResponseEntity<ApiResponse<Void>> tooLarge(MaxUploadSizeExceededException ex) {
		return respond(413, ErrorCodes.PAYLOAD_TOO_LARGE, "Upload exceeds the size limit", null);
	}

	/** A body that is not multipart, or is cut off; size limits are handled above. */
	@ExceptionHandler(MultipartException.class)
	ResponseEntity<ApiResponse<Void>> multipart(MultipartException ex) {
		log.debug("Unreadable multipart request", ex);
		return respond(400, ErrorCodes.BAD_REQUEST, "Malformed multipart/form-data request", null);
	}

	@ExceptionHandler(DuplicateKeyException.class)
	ResponseEntity<ApiResponse<Void>> duplicate(DuplicateKeyException ex) {
		log.debug("Duplicate key", ex);
		return respond(409, ErrorCodes.DUPLICATE, "A resource with these unique values already exists", null);
	}

	/**
	 * A Content-Type that does not parse, or a wildcard ({@code *}{@code /*}): 400, not
	 * 500.
	 */
	@ExceptionHandler(InvalidMediaTypeException.class)
	ResponseEntity<ApiResponse<Void>> malformedMediaType(InvalidMediaTypeException ex) {
		return respond(400, ErrorCodes.BAD_REQUEST,
				"Malformed or wildcard Content-Type: use a media type such as application/json", null);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ApiResponse<Void>> unexpected(Exception ex) {
		log.error("Unexpected error", ex);
		return respond(500, ErrorCodes.INTERNAL_ERROR, "Internal error", null);
	}

	private static ResponseEntity<ApiResponse<Void>> respond(int status, String code, String message,
			List<ApiResponse.FieldError> errors) {
		return ResponseEntity.status(status).body(ApiResponse.error(status, code, message, errors));
	}

}
