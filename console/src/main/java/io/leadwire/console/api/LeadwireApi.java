package io.leadwire.console.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatusCode;
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

	private final RestClient client;

	private final ObjectMapper json;

	LeadwireApi(RestClient.Builder builder, OAuth2AuthorizedClientManager authorizedClients,
			ConsoleProperties properties, ObjectMapper json) {
		OAuth2ClientHttpRequestInterceptor bearer = new OAuth2ClientHttpRequestInterceptor(authorizedClients);
		bearer.setClientRegistrationIdResolver((request) -> "keycloak");
		this.client = builder.baseUrl(properties.gatewayUrl().toString())
			.requestInterceptor(bearer)
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

	/** An answer's {@code data} and {@code meta}. */
	public record Envelope(JsonNode data, JsonNode meta) {

		/** The list's paging ({@code meta.pagination}), missing for other answers. */
		public JsonNode pagination() {
			return this.meta.path("pagination");
		}

	}

}
