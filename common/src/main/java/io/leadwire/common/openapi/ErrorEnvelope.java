package io.leadwire.common.openapi;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.DateTimeSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

import io.leadwire.common.api.ErrorCodes;

/**
 * The error envelope (docs/api.md §1) and the errors every operation may answer, each
 * with the machine codes a client can branch on.
 */
final class ErrorEnvelope {

	static final String NAME = "Error";

	private static final String REF = "#/components/schemas/" + NAME;

	/** Status → (description, codes), for every operation. */
	private static final Map<String, Answer> ALWAYS = Map.of("400",
			new Answer("Malformed JSON, an unknown enum value or a wrong type", ErrorCodes.BAD_REQUEST), "401",
			new Answer("No API key or token, or an unknown one", ErrorCodes.MISSING_API_KEY, ErrorCodes.INVALID_API_KEY,
					ErrorCodes.INVALID_TOKEN),
			"403",
			new Answer("The key is revoked, expired or inactive, or X-On-Behalf-Of / X-Company-Id is not allowed",
					ErrorCodes.API_KEY_REVOKED, ErrorCodes.API_KEY_EXPIRED, ErrorCodes.FORBIDDEN, "sandbox_forbidden"),
			"429",
			new Answer("A rate limit of the key, the tenant or the client address, or the tenant's cap on open imports,"
					+ " number checks or exports (see Retry-After)", ErrorCodes.RATE_LIMITED),
			"500",
			new Answer("A bug: the body never holds a stack trace or internal names", ErrorCodes.INTERNAL_ERROR));

	private static final Answer NOT_FOUND = new Answer(
			"Absent, or another tenant's (never 403 for that), or a malformed id", ErrorCodes.NOT_FOUND);

	private static final Answer INVALID = new Answer("A field failed validation: see errors[]",
			ErrorCodes.VALIDATION_FAILED);

	private static final Answer CONFLICT = new Answer("A duplicate, or a change the resource's state forbids",
			ErrorCodes.DUPLICATE, ErrorCodes.DUPLICATE_PHONE, ErrorCodes.INVALID_STATE,
			ErrorCodes.IDEMPOTENCY_KEY_REUSED, ErrorCodes.IDEMPOTENCY_KEY_IN_USE);

	private static final Answer TOO_LARGE = new Answer("The upload is over its limit (100 MB, 1,000,000 rows)",
			ErrorCodes.PAYLOAD_TOO_LARGE);

	private static final Answer MEDIA_TYPE = new Answer("The body is not of a content type this operation takes",
			ErrorCodes.UNSUPPORTED_MEDIA_TYPE);

	private static final Answer CREDITS = new Answer("The wallet does not cover the messages (live keys): top it up",
			"insufficient_credits");

	private static final Answer STALE = new Answer("If-Match names a version the resource no longer has",
			ErrorCodes.PRECONDITION_FAILED);

	private ErrorEnvelope() {
	}

	static void register(Components components) {
		Schema<?> fieldError = new ObjectSchema().addProperty("field", new StringSchema().example("email"))
			.addProperty("message", new StringSchema().example("Invalid email format"));
		Schema<?> meta = new ObjectSchema().addProperty("timestamp", new DateTimeSchema())
			.addProperty("version", new StringSchema().example("v1"))
			.addProperty("requestId", new StringSchema().description("Also in the X-Request-Id header"));
		components.addSchemas(NAME, new ObjectSchema()
			.description("Every error, from the gateway or a service: success false, a human message, a machine code.")
			.addProperty("success", new BooleanSchema().example(false))
			.addProperty("status", new IntegerSchema().example(404))
			.addProperty("message", new StringSchema().example("Not found"))
			.addProperty("code", new StringSchema().example(ErrorCodes.NOT_FOUND).description("snake_case, stable"))
			.addProperty("errors", new ArraySchema().items(fieldError).description("Validation errors (422) only"))
			.addProperty("meta", meta)
			.required(List.of("success", "status", "message", "code", "meta")));
	}

	static void addResponses(PathItem.HttpMethod method, String path, Operation operation) {
		ApiResponses responses = operation.getResponses();
		if (responses == null) {
			responses = new ApiResponses();
			operation.setResponses(responses);
		}
		for (Map.Entry<String, Answer> always : ALWAYS.entrySet()) {
			add(responses, always.getKey(), always.getValue());
		}
		if (path.contains("{")) {
			add(responses, "404", NOT_FOUND);
		}
		if (operation.getRequestBody() != null || method == PathItem.HttpMethod.POST) {
			add(responses, "422", INVALID);
			add(responses, "409", CONFLICT);
		}
		if (operation.getRequestBody() != null) {
			add(responses, "415", MEDIA_TYPE);
			if (operation.getRequestBody().getContent() != null
					&& operation.getRequestBody().getContent().containsKey("multipart/form-data")) {
				add(responses, "413", TOO_LARGE);
			}
		}
		if (method == PathItem.HttpMethod.POST && (path.endsWith("/launch") || path.endsWith("/resume")
				|| path.endsWith("/send") || path.equals("/v1/messages"))) {
			add(responses, "402", CREDITS);
		}
		if (method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH
				|| method == PathItem.HttpMethod.DELETE) {
			add(responses, "409", CONFLICT);
			add(responses, "412", STALE);
		}
	}

	private static void add(ApiResponses responses, String status, Answer answer) {
		if (responses.containsKey(status)) {
			return;
		}
		responses.addApiResponse(status, new ApiResponse()
			.description(answer.description() + ". Codes: " + String.join(", ", answer.codes()))
			.content(new Content().addMediaType("application/json", new MediaType().schema(new Schema<>().$ref(REF)))));
	}

	private record Answer(String description, String... codes) {
	}

}
