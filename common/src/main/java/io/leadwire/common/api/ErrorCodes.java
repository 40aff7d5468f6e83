package io.leadwire.common.api;

/**
 * The machine codes of docs/api.md §1 shared by the gateway and every service.
 */
public final class ErrorCodes {

	public static final String BAD_REQUEST = "bad_request";

	public static final String MISSING_API_KEY = "missing_api_key";

	public static final String INVALID_API_KEY = "invalid_api_key";

	public static final String INVALID_TOKEN = "invalid_token";

	public static final String MISSING_CONTEXT = "missing_context";

	public static final String INVALID_CONTEXT = "invalid_context";

	public static final String FORBIDDEN = "forbidden";

	/** The key's scopes do not include what the operation needs (docs/api.md §1). */
	public static final String INSUFFICIENT_SCOPE = "insufficient_scope";

	public static final String API_KEY_REVOKED = "api_key_revoked";

	public static final String API_KEY_EXPIRED = "api_key_expired";

	public static final String NOT_FOUND = "not_found";

	public static final String METHOD_NOT_ALLOWED = "method_not_allowed";

	public static final String DUPLICATE = "duplicate";

	/** A contact with this phone exists in the tenant's environment. */
	public static final String DUPLICATE_PHONE = "duplicate_phone";

	public static final String INVALID_STATE = "invalid_state";

	public static final String PAYLOAD_TOO_LARGE = "payload_too_large";

	/** 414: the request line (the URL) is too long. */
	public static final String URI_TOO_LONG = "uri_too_long";

	/** 431: the request headers are too large. */
	public static final String HEADERS_TOO_LARGE = "headers_too_large";

	public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";

	public static final String VALIDATION_FAILED = "validation_failed";

	public static final String RATE_LIMITED = "rate_limited";

	public static final String INTERNAL_ERROR = "internal_error";

	public static final String SERVICE_UNAVAILABLE = "service_unavailable";

	public static final String GATEWAY_TIMEOUT = "gateway_timeout";

	/** The same {@code Idempotency-Key} was sent with a different request. */
	public static final String IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused";

	/** The request first sent with this {@code Idempotency-Key} is still running. */
	public static final String IDEMPOTENCY_KEY_IN_USE = "idempotency_key_in_use";

	/** 412: the resource changed since the version named in {@code If-Match}. */
	public static final String PRECONDITION_FAILED = "precondition_failed";

	private ErrorCodes() {
	}

}
