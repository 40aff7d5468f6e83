package io.leadwire.common.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.http.MediaType;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.RequestContext;
import tools.jackson.databind.ObjectMapper;

/**
 * Refuses every request that does not carry a valid signed context from the gateway, so a
 * service reached directly cannot be fooled. Probes, metrics and the configured public
 * paths are exempt.
 */
public class RequestContextFilter extends OncePerRequestFilter {

	public static final String ATTRIBUTE = RequestContext.class.getName();

	private static final AntPathMatcher PATHS = new AntPathMatcher();

	private final ContextSigner signer;

	private final List<String> publicPaths;

	private final ObjectMapper json;

	public RequestContextFilter(ContextSigner signer, List<String> publicPaths, ObjectMapper json) {
		this.signer = signer;
		this.publicPaths = List.copyOf(publicPaths);
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return path.startsWith("/actuator/") || path.equals("/error")
				|| this.publicPaths.stream().anyMatch((pattern) -> PATHS.match(pattern, path));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(ContextSigner.HEADER);
		if (header == null) {
			reject(response, ErrorCodes.MISSING_CONTEXT, "Requests must come through the gateway");
			return;
		}
		RequestContext context;
		try {
			context = this.signer.verify(header);
		}
		catch (ContextSigner.InvalidContextException ex) {
			this.logger.debug("Refused request context: " + ex.getMessage());
			reject(response, ErrorCodes.INVALID_CONTEXT, "Invalid or expired request context");
			return;
		}
		request.setAttribute(ATTRIBUTE, context);
		if (context.tenantId() != null) {
			MDC.put("tenantId", Long.toString(context.tenantId()));
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove("tenantId");
		}
	}

	private void reject(HttpServletResponse response, String code, String message) throws IOException {
		response.setStatus(401);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), ApiResponse.error(401, code, message, null));
	}

}
