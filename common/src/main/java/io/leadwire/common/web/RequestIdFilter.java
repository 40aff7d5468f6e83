package io.leadwire.common.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

import io.leadwire.common.api.RequestIds;

/**
 * Puts the request id in the MDC for every log line of the request and echoes it in the
 * response, with {@code X-Content-Type-Options: nosniff} and {@code Cache-Control:
 * no-store} (a service's answers are never cached or sniffed, whether or not a gateway
 * stands in front of it).
 */
public class RequestIdFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requestId = RequestIds.acceptOrGenerate(request.getHeader(RequestIds.HEADER));
		MDC.put(RequestIds.MDC_KEY, requestId);
		response.setHeader(RequestIds.HEADER, requestId);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Cache-Control", "no-store");
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(RequestIds.MDC_KEY);
		}
	}

}
