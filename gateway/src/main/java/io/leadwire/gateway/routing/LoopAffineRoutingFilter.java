package io.leadwire.gateway.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.EventLoop;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.web.server.ServerWebExchange;

import io.leadwire.gateway.auth.ServiceRequestHeaders;
import io.leadwire.gateway.web.RequestLoop;

import static org.springframework.cloud.gateway.support.RouteMetadataUtils.CONNECT_TIMEOUT_ATTR;
import static org.springframework.cloud.gateway.support.RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR;

/**
 * Spring Cloud Gateway's routing filter, with the call to the service kept on the event
 * loop that serves the client.
 * <p>
 * Reactor Netty pools connections per client configuration, and a pooled connection
 * belongs to the loop it was opened on. With one shared client, a request served on loop
 * A often got a connection of loop B: the request was written by a task handed to B and
 * the answer handed back to A, two thread hand-overs and wake-ups per request. Here each
 * loop has its own client (its loop resources are that loop), so its own pool: the
 * connection a request gets lives on the request's loop.
 * <p>
 * Headers pass one fixed list of filters ({@link ServiceRequestHeaders} out,
 * {@link ClientResponseHeaders} back), one copy each way, instead of Spring Cloud
 * Gateway's chain of filter beans that copied them once per filter.
 */
public class LoopAffineRoutingFilter extends NettyRoutingFilter {

	private final HttpClient httpClient;

	private final Map<EventLoop, HttpClient> byLoop = new ConcurrentHashMap<>();

	private final Duration responseTimeout;

	public LoopAffineRoutingFilter(HttpClient httpClient, List<HttpHeadersFilter> headersFilters,
			HttpClientProperties properties) {
		super(httpClient, fixed(headersFilters), withoutResponseTimeout(properties));
		this.httpClient = httpClient;
		this.responseTimeout = properties.getResponseTimeout();
	}

	@Override
	protected HttpClient getHttpClient(Route route, ServerWebExchange exchange) {
		EventLoop loop = RequestLoop.of(exchange);
		if (loop == null || route.getMetadata().containsKey(CONNECT_TIMEOUT_ATTR)
				|| route.getMetadata().containsKey(RESPONSE_TIMEOUT_ATTR)) {
			return super.getHttpClient(route, exchange);
		}
		HttpClient client = this.byLoop.get(loop);
		return (client != null) ? client : this.byLoop.computeIfAbsent(loop, this::clientOn);
	}

	/**
	 * The client whose connections live on {@code loop}. (Its connect timeout is set by
	 * Spring Cloud Gateway's client factory, once, where its router set it again for
	 * every request.) The response timeout is Reactor Netty's own, a timer on the
	 * connection's loop; Spring Cloud Gateway's ({@code Flux.timeout}) scheduled and
	 * cancelled a task on the shared parallel scheduler for every request. A route with
	 * timeouts of its own takes Spring Cloud Gateway's path.
	 */
	HttpClient clientOn(EventLoop loop) {
		HttpClient client = this.httpClient.runOn(new OneLoop(loop));
		return (this.responseTimeout != null) ? client.responseTimeout(this.responseTimeout) : client;
	}

	/**
	 * What Spring Cloud Gateway's part of the filter sees: the same connect timeout, no
	 * global response timeout ({@link #clientOn} applies it).
	 */
	private static HttpClientProperties withoutResponseTimeout(HttpClientProperties properties) {
		HttpClientProperties copy = new HttpClientProperties();
		copy.setConnectTimeout(properties.getConnectTimeout());
		return copy;
	}

	private static ObjectProvider<List<HttpHeadersFilter>> fixed(List<HttpHeadersFilter> filters) {
		List<HttpHeadersFilter> copy = List.copyOf(filters);
		return new ObjectProvider<>() {

			@Override
			public List<HttpHeadersFilter> getObject() {
				return copy;
			}

			@Override
			public List<HttpHeadersFilter> getIfAvailable() {
				return copy;
			}

		};
	}

}
