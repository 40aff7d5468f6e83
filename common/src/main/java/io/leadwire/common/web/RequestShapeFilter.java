package io.leadwire.common.web;

import java.io.IOException;
import java.util.Collections;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.ContentTypes;
import io.leadwire.common.api.ErrorCodes;
import tools.jackson.databind.ObjectMapper;

/**
 * Refuses, in the envelope, what the gateway refuses too, so a service reached without it
 * is held to the same rules: a malformed or wildcard {@code Content-Type} (400,
 * {@link ContentTypes}) before anything parses it, and a path with a matrix parameter
 * ({@code ;}), which Spring would strip before matching ({@code /v1/leads/1000027;x=1} is
 * not a lead's path): 404.
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
		chain.doFilter(request, response);
	}

	private void refuse(HttpServletResponse response, int status, String code, String message) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), ApiResponse.error(status, code, message, null));
	}

}
