package io.leadwire.messaging.webhook;

import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.ContentTypes;
import io.leadwire.common.api.ErrorCodes;
import io.leadwire.common.api.RequestIds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.ObjectMapper;

/**
 * The lean path of a provider's webhooks (issue 25, item 5): {@code POST} on the
 * provider's path answered by this servlet filter, first in the chain, without Spring MVC
 * (handler lookup, argument resolution, content negotiation, message converters) and
 * without the filters behind it (HTTP observation and tracing, the signed-context filter
 * a webhook does not use). A provider posts about three of these per message sent, so
 * their fixed cost is most of what an ack costs; the benchmark in docs/performance.md
 * measures it.
 * <p>
 * It keeps the rules every answer follows: the request id (accepted or generated, in the
 * MDC and echoed), {@code nosniff} and {@code no-store}, the envelope for every status, a
 * malformed Content-Type 400, anything but JSON 415, a body over the provider's limit
 * 413. Other methods go on to MVC. The work itself is the provider's {@link Receiver},
 * the same as its documented controller's; the requests are counted in
 * {@code leadwire.webhooks.requests} by provider and outcome since they bypass
 * {@code http.server.requests}.
 */
public final class LeanWebhookFilter implements Filter {

	/** What a provider's webhook does with a body and its signature header. */
	@FunctionalInterface
	public interface Receiver {

		/**
		 * Verifies and applies one delivery; an {@link ApiException} (401) when it is not
		 * signed, returning once what it carries is stored.
		 */
		void receive(byte[] body, String signature);

	}

	private static final Logger log = LoggerFactory.getLogger(LeanWebhookFilter.class);

	private final String provider;

	private final String path;

	private final String signatureHeader;

	private final int maxBody;

	private final Receiver receiver;

	private final ObjectMapper json;

	private final Counter accepted;

	private final Counter refused;

	private final Counter failed;

	public LeanWebhookFilter(String provider, String path, String signatureHeader, int maxBody, Receiver receiver,
			ObjectMapper json, MeterRegistry meters) {
		this.provider = provider;
		this.path = path;
		this.signatureHeader = signatureHeader;
		this.maxBody = maxBody;
		this.receiver = receiver;
		this.json = json;
		this.accepted = meters.counter("leadwire.webhooks.requests", "provider", provider, "outcome", "accepted");
		this.refused = meters.counter("leadwire.webhooks.requests", "provider", provider, "outcome", "refused");
		this.failed = meters.counter("leadwire.webhooks.requests", "provider", provider, "outcome", "failed");
	}

	/**
	 * The filter's registration, first in the servlet chain for its one path: before HTTP
	 * observation (HIGHEST_PRECEDENCE + 1) and every Leadwire filter but the request
	 * id's, whose rules it applies itself.
	 */
	public FilterRegistrationBean<LeanWebhookFilter> registration() {
		FilterRegistrationBean<LeanWebhookFilter> registration = new FilterRegistrationBean<>(this);
		registration.addUrlPatterns(this.path);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Override
	public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest request = (HttpServletRequest) servletRequest;
		HttpServletResponse response = (HttpServletResponse) servletResponse;
		if (!"POST".equals(request.getMethod()) || !this.path.equals(request.getRequestURI())) {
			chain.doFilter(request, response);
			return;
		}
		String requestId = RequestIds.current();
		boolean ownId = requestId == null;
		if (ownId) {
			requestId = RequestIds.acceptOrGenerate(request.getHeader(RequestIds.HEADER));
			MDC.put(RequestIds.MDC_KEY, requestId);
		}
		response.setHeader(RequestIds.HEADER, requestId);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Cache-Control", "no-store");
		try {
			handle(request, response, requestId);
		}
		finally {
			if (ownId) {
				MDC.remove(RequestIds.MDC_KEY);
			}
		}
	}

	private void handle(HttpServletRequest request, HttpServletResponse response, String requestId) throws IOException {
		String problem = ContentTypes.problem(Collections.list(request.getHeaders("Content-Type")));
		if (problem != null) {
			refuse(response, requestId, new ApiException(400, ErrorCodes.BAD_REQUEST, problem));
			return;
		}
		if (!json(request.getContentType())) {
			refuse(response, requestId, new ApiException(415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
					"Content type not supported; send application/json"));
			return;
		}
		if (request.getContentLengthLong() > this.maxBody) {
			refuse(response, requestId, tooLarge());
			return;
		}
		byte[] body = request.getInputStream().readNBytes(this.maxBody + 1);
		if (body.length > this.maxBody) {
			refuse(response, requestId, tooLarge());
			return;
		}
		try {
			this.receiver.receive(body, request.getHeader(this.signatureHeader));
		}
		catch (ApiException ex) {
			refuse(response, requestId, ex);
			return;
		}
		catch (RuntimeException ex) {
			this.failed.increment();
			log.error("{} webhook failed", this.provider, ex);
			write(response, ApiResponse.error(500, ErrorCodes.INTERNAL_ERROR, "Internal error", null, requestId), 500);
			return;
		}
		this.accepted.increment();
		write(response, ApiResponse.ok(null, requestId), 200);
	}

	private static boolean json(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			return MediaType.APPLICATION_JSON.includes(MediaType.parseMediaType(contentType));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	private ApiException tooLarge() {
		return new ApiException(413, ErrorCodes.PAYLOAD_TOO_LARGE,
				"A webhook body is at most " + (this.maxBody >> 20) + " MiB");
	}

	private void refuse(HttpServletResponse response, String requestId, ApiException ex) throws IOException {
		(ex.status() >= 500 ? this.failed : this.refused).increment();
		Duration retryAfter = ex.retryAfter();
		if (retryAfter != null) {
			response.setHeader("Retry-After", Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
		}
		List<ApiResponse.FieldError> errors = ex.errors();
		write(response, ApiResponse.error(ex.status(), ex.code(), ex.getMessage(), errors, requestId), ex.status());
	}

	private void write(HttpServletResponse response, ApiResponse<Void> envelope, int status) throws IOException {
		byte[] bytes = this.json.writeValueAsBytes(envelope);
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

}
