package io.leadwire.common.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.ContentTypes;
import io.leadwire.common.api.ControlCharacters;
import io.leadwire.common.api.ErrorCodes;
import tools.jackson.databind.ObjectMapper;

/**
 * Refuses, in the envelope, what the gateway refuses too, so a service reached without it
 * is held to the same rules: a malformed or wildcard {@code Content-Type} (400,
 * {@link ContentTypes}) before anything parses it, and a path with a matrix parameter
 * ({@code ;}), which Spring would strip before matching ({@code /v1/leads/1000027;x=1} is
 * not a lead's path): 404; a query parameter holding a control character
 * ({@code ?search=%00}): 422 naming it.
 */
public class RequestShapeFilter extends OncePerRequestFilter {

	private final ObjectMapper json;

	public RequestShapeFilter(ObjectMapper json) {
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getRequestURI().indexOf(';') >= 0) {
			refuse(response, 404, ErrorCodes.NOT_FOUND, "Resource not found");
			return;
		}
		String problem = ContentTypes.problem(Collections.list(request.getHeaders("Content-Type")));
		if (problem != null) {
			refuse(response, 400, ErrorCodes.BAD_REQUEST, problem);
			return;
		}
		ApiResponse.FieldError control = controlInQuery(request.getQueryString());
		if (control != null) {
			refuse(response, 422, ErrorCodes.VALIDATION_FAILED, "Validation failed", List.of(control));
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * The first query parameter whose decoded value (or name) holds a control character,
	 * as a JSON body's would be refused ({@link ControlCharacterAdvice}): a NUL cannot
	 * even reach MongoDB inside a search pattern.
	 */
	static ApiResponse.FieldError controlInQuery(String query) {
		if (query == null || query.indexOf('%') < 0) {
			return null;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String name = decode((equals >= 0) ? pair.substring(0, equals) : pair);
			String value = (equals >= 0) ? decode(pair.substring(equals + 1)) : "";
			for (String text : new String[] { name, value }) {
				int index = (text != null) ? ControlCharacters.indexIn(text) : -1;
				if (index >= 0) {
					return new ApiResponse.FieldError((name != null) ? name : "query",
							ControlCharacters.message(text, index));
				}
			}
		}
		return null;
	}

	private static String decode(String raw) {
		try {
			return URLDecoder.decode(raw, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// A broken escape is not a control character; the route answers for it.
			return null;
		}
	}

	private void refuse(HttpServletResponse response, int status, String code, String message) throws IOException {
		refuse(response, status, code, message, null);
	}

	private void refuse(HttpServletResponse response, int status, String code, String message,
			List<ApiResponse.FieldError> errors) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), ApiResponse.error(status, code, message, errors));
	}

}
