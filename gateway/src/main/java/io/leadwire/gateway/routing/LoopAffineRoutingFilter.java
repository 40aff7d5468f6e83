package io.leadwire.gateway.routing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.ChannelOption;
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

	private final Integer connectTimeout;

	private final Map<EventLoop, HttpClient> byLoop = new ConcurrentHashMap<>();

	public LoopAffineRoutingFilter(HttpClient httpClient, List<HttpHeadersFilter> headersFilters,
			HttpClientProperties properties) {
		super(httpClient, fixed(headersFilters), properties);
		this.httpClient = httpClient;
		this.connectTimeout = properties.getConnectTimeout();
	}

	@Override
	protected HttpClient getHttpClient(Route route, ServerWebExchange exchange) {
		EventLoop loop = RequestLoop.of(exchange);
		if (loop == null || route.getMetadata().containsKey(CONNECT_TIMEOUT_ATTR)) {
			return super.getHttpClient(route, exchange);
		}
		HttpClient client = this.byLoop.get(loop);
		return (client != null) ? client : this.byLoop.computeIfAbsent(loop, this::clientOn);
	}

	/**
	 * The client whose connections live on {@code loop}, with the connect timeout set
	 * once.
	 */
	HttpClient clientOn(EventLoop loop) {
		HttpClient client = this.httpClient.runOn(new OneLoop(loop));
		return (this.connectTimeout != null) ? client.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, this.connectTimeout)
				: client;
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
