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
 * Refuses a malformed or wildcard {@code Content-Type} with 400 in the envelope before
 * anything parses it ({@link ContentTypes}): a service reached without the gateway is
 * held to the same rule.
 */
public class ContentTypeFilter extends OncePerRequestFilter {

	private final ObjectMapper json;

	public ContentTypeFilter(ObjectMapper json) {
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String problem = ContentTypes.problem(Collections.list(request.getHeaders("Content-Type")));
		if (problem != null) {
			response.setStatus(400);
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			this.json.writeValue(response.getOutputStream(),
					ApiResponse.error(400, ErrorCodes.BAD_REQUEST, problem, null));
			return;
		}
		chain.doFilter(request, response);
	}

}
