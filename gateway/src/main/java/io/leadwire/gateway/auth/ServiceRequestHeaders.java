package io.leadwire.gateway.auth;

import java.util.List;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import io.leadwire.common.api.RequestIds;
import io.leadwire.common.context.ContextSigner;
import io.leadwire.gateway.legacy.LegacyRequestFilter;
import io.leadwire.gateway.web.WebRoutes;
import io.leadwire.gateway.web.TraceHeaders;
import io.leadwire.gateway.web.HopByHop;
import io.leadwire.gateway.web.RequestIdWebFilter;

/**
 * The headers a service receives, made in one pass as the request leaves for it. Left
 * out: hop-by-hop headers (and those the client's {@code Connection} header names);
 * {@code Forwarded} and {@code X-Forwarded-*} (services never trust them); the client's
 * {@code X-Leadwire-*} headers (nobody outside may speak for the gateway); the key,
 * token, company and on-behalf-of headers once authentication has used them; and
 * {@code Content-Length} beside {@code Transfer-Encoding: chunked} (request smuggling).
 * Added: the request id, the signed context, the older product's shape a legacy path
 * expects ({@link LegacyRequestFilter#SHAPE_HEADER}) and, with tracing on, the trace
 * context; to a web application's route ({@link WebRoutes}), the address the browser
 * used.
 * <p>
 * This one filter does what Spring Cloud Gateway's header filter beans did (hop-by-hop,
 * forwarded-header removal, transfer-encoding normalisation), each of which copied every
 * header again.
 */
@Component
public class ServiceRequestHeaders implements HttpHeadersFilter, Ordered {

	private final ContextSigner signer;

	private final TraceHeaders traces;

	ServiceRequestHeaders(ContextSigner signer, TraceHeaders traces) {
		this.signer = signer;
		this.traces = traces;
	}

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		Caller caller = exchange.getAttribute(Caller.ATTRIBUTE);
		String requestId = exchange.getAttribute(RequestIdWebFilter.ATTRIBUTE);
		List<String> connection = HopByHop.listedIn(input);
		boolean chunked = isChunked(input);
		HttpHeaders forwarded = new HttpHeaders();
		input.forEach((name, values) -> {
			if (!HopByHop.is(name, connection) && !isForwarding(name) && !isInternal(name)
					&& !(caller != null && isCredential(name))
					&& !(chunked && name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH))) {
				forwarded.addAll(name, values);
			}
		});
		if (requestId != null) {
			forwarded.set(RequestIds.HEADER, requestId);
		}
		if (caller != null) {
			forwarded.set(ContextSigner.HEADER, this.signer.sign(caller.toContext(requestId)));
		}
		String shape = exchange.getAttribute(LegacyRequestFilter.SHAPE_ATTRIBUTE);
		if (shape != null) {
			forwarded.set(LegacyRequestFilter.SHAPE_HEADER, shape);
		}
		this.traces.inject(exchange, forwarded);
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route != null && WebRoutes.isWeb(route.getMetadata())) {
			java.net.URI uri = exchange.getRequest().getURI();
			forwarded.set("X-Forwarded-Proto", uri.getScheme());
			forwarded.set("X-Forwarded-Host",
					(uri.getPort() < 0) ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
		}
		return forwarded;
	}

	static boolean isInternal(String name) {
		return name.regionMatches(true, 0, "X-Leadwire-", 0, 11);
	}

	private static boolean isForwarding(String name) {
		return name.equalsIgnoreCase("Forwarded") || name.regionMatches(true, 0, "X-Forwarded-", 0, 12);
	}

	private static boolean isChunked(HttpHeaders headers) {
		String encoding = headers.getFirst(HttpHeaders.TRANSFER_ENCODING);
		return encoding != null && encoding.trim().equalsIgnoreCase("chunked");
	}

	private static boolean isCredential(String name) {
		return name.equalsIgnoreCase(ApiKeyAuthenticationFilter.API_KEY_HEADER)
				|| name.equalsIgnoreCase(HttpHeaders.AUTHORIZATION)
				|| name.equalsIgnoreCase(IdentityResolver.COMPANY_HEADER)
				|| name.equalsIgnoreCase(IdentityResolver.COMPANY_ALIAS)
				|| name.equalsIgnoreCase(IdentityResolver.ON_BEHALF_OF_HEADER);
	}

	/** Last, should other header filters be given to the router. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
