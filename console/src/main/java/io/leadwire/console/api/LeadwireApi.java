package io.leadwire.console.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;

import io.leadwire.console.ConsoleProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The public API, called through the gateway as the signed-in user (their access token as
 * a bearer, refreshed when it expires): the console reads and writes nothing any other
 * way, so every rule of the API holds for it. Answers are the API's envelope; an error
 * becomes an {@link ApiException} with the API's own message and field errors.
 */
@Component
public class LeadwireApi {

	/** The gateway's switch between a signed-in user's live and test data. */
	static final String ENVIRONMENT_HEADER = "X-Leadwire-Environment";

	/** A partner's choice of the client company it acts in. */
	static final String COMPANY_HEADER = "X-Company-Id";

	/**
	 * The tenant's account (keys, users, audit, partner companies, wallet, plan): always
	 * live, whichever data the user views; the API refuses to administer a tenant with
	 * test credentials.
	 */
	private static final List<String> ACCOUNT_PATHS = List.of("/v1/api-keys", "/v1/users", "/v1/audit-log",
			"/v1/companies", "/v1/accounts", "/v1/wallet", "/v1/usage");

	private static final List<String> PARTNER_PATHS = List.of("/v1/companies", "/v1/accounts");

	private final RestClient client;

	private final ObjectMapper json;

	LeadwireApi(RestClient.Builder builder, OAuth2AuthorizedClientManager authorizedClients,
			ConsoleProperties properties, ObjectMapper json) {
		OAuth2ClientHttpRequestInterceptor bearer = new OAuth2ClientHttpRequestInterceptor(authorizedClients);
		bearer.setClientRegistrationIdResolver((request) -> "keycloak");
		this.client = builder.baseUrl(properties.gatewayUrl().toString())
			.requestInterceptor(bearer)
			.requestInterceptor((request, body, execution) -> {
				if (Workspace.testData() && !isAccountPath(request.getURI().getPath())) {
					request.getHeaders().set(ENVIRONMENT_HEADER, "test");
				}
				String company = Workspace.company();
				if (company != null && !isPartnerPath(request.getURI().getPath())) {
					request.getHeaders().set(COMPANY_HEADER, company);
				}
				return execution.execute(request, body);
			})
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
				throw error(response.getStatusCode().value(), response.getBody().readAllBytes());
			})
			.build();
		this.json = json;
	}

	/** {@code GET} of a path with query parameters; the whole envelope. */
	public Envelope get(String path, Map<String, ?> query) {
		byte[] body = this.client.get()
			.uri((uri) -> withQuery(uri.path(path), query).build())
			.accept(MediaType.APPLICATION_JSON)
			.retrieve()
			.body(byte[].class);
		return envelope(body);
	}

	public Envelope get(String path) {
		return get(path, Map.of());
	}

	/** {@code POST} of a JSON body (or none); the whole envelope. */
	public Envelope post(String path, Object body) {
		RestClient.RequestBodySpec request = this.client.post().uri((uri) -> uri.path(path).build());
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return envelope(request.accept(MediaType.APPLICATION_JSON).retrieve().body(byte[].class));
	}

	/** {@code PUT} of a JSON body with {@code If-Match}: the edit of what was read. */
	public Envelope put(String path, Object body, String etag) {
		RestClient.RequestBodySpec request = this.client.put().uri((uri) -> uri.path(path).build());
		if (etag != null && !etag.isBlank()) {
			request.header("If-Match", etag);
		}
		return envelope(request.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.accept(MediaType.APPLICATION_JSON)
			.retrieve()
			.body(byte[].class));
	}

	/**
	 * A {@code GET} that also answers the resource's {@code ETag}, for an edit that must
	 * not overwrite another.
	 */
	public Tagged getTagged(String path) {
		ResponseEntity<byte[]> answer = this.client.get()
			.uri((uri) -> uri.path(path).build())
			.accept(MediaType.APPLICATION_JSON)
			.retrieve()
			.toEntity(byte[].class);
		return new Tagged(envelope(answer.getBody()), answer.getHeaders().getETag());
	}

	/**
	 * A file uploaded as the API's multipart {@code file}, with form fields; the upload
	 * is streamed from where the console spooled it, never held in memory.
	 */
	public Envelope upload(String path, Resource file, Map<String, String> fields) {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("file", file).contentType(MediaType.parseMediaType("text/csv"));
		fields.forEach((name, value) -> {
			if (value != null && !value.isBlank()) {
				parts.part(name, value);
			}
		});
		return envelope(this.client.post()
			.uri((uri) -> uri.path(path).build())
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(parts.build())
			.accept(MediaType.APPLICATION_JSON)
			.retrieve()
			.body(byte[].class));
	}

	/**
	 * A {@code GET} whose answer (a file, such as an export) is copied as it arrives to
	 * {@code out}, never held whole; {@code headers} sees the answer's headers first.
	 */
	public void download(String path, Map<String, ?> query,
			java.util.function.Consumer<org.springframework.http.HttpHeaders> headers, java.io.OutputStream out) {
		this.client.get().uri((uri) -> withQuery(uri.path(path), query).build()).exchange((request, response) -> {
			if (response.getStatusCode().isError()) {
				throw error(response.getStatusCode().value(), response.getBody().readAllBytes());
			}
			headers.accept(response.getHeaders());
			response.getBody().transferTo(out);
			return null;
		});
	}

	static boolean isAccountPath(String path) {
		return under(path, ACCOUNT_PATHS);
	}

	/** The partner's own views (its client companies), never made as a client company. */
	static boolean isPartnerPath(String path) {
		return under(path, PARTNER_PATHS);
	}

	private static boolean under(String path, List<String> prefixes) {
		for (String prefix : prefixes) {
			if (path.equals(prefix) || path.startsWith(prefix + "/")) {
				return true;
			}
		}
		return false;
	}

	public Envelope delete(String path) {
		return envelope(this.client.delete()
			.uri((uri) -> uri.path(path).build())
			.accept(MediaType.APPLICATION_JSON)
			.retrieve()
			.body(byte[].class));
	}

	private static UriBuilder withQuery(UriBuilder uri, Map<String, ?> query) {
		query.forEach((name, value) -> {
			if (value != null && !value.toString().isBlank()) {
				uri.queryParam(name, value);
			}
		});
		return uri;
	}

	private Envelope envelope(byte[] body) {
		if (body == null || body.length == 0) {
			return new Envelope(this.json.nullNode(), this.json.nullNode());
		}
		JsonNode root = this.json.readTree(body);
		return new Envelope(root.path("data"), root.path("meta"));
	}

	private ApiException error(int status, byte[] body) {
		try {
			JsonNode root = this.json.readTree(body);
			List<ApiException.FieldProblem> fields = new ArrayList<>();
			root.path("errors")
				.forEach((entry) -> fields.add(new ApiException.FieldProblem(entry.path("field").asString(""),
						entry.path("message").asString(""))));
			return new ApiException(status, root.path("code").asString("error"),
					root.path("message").asString("The request failed (" + status + ")"), fields);
		}
		catch (RuntimeException ex) {
			return new ApiException(status, "error", "The request failed (" + status + ")", List.of());
		}
	}

	/** An answer with its {@code ETag}. */
	public record Tagged(Envelope envelope, String etag) {
	}

	/** An answer's {@code data} and {@code meta}. */
	public record Envelope(JsonNode data, JsonNode meta) {

		/** The list's paging ({@code meta.pagination}), missing for other answers. */
		public JsonNode pagination() {
			return this.meta.path("pagination");
		}

	}

}
