package io.leadwire.gateway.routing;

import java.util.List;

import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.leadwire.gateway.auth.ServiceRequestHeaders;

/**
 * The filters that call the services and write their answers. Spring Cloud Gateway's own
 * pair is switched off ({@code global-filter.netty-routing.enabled: false}, which also
 * removes its response writer); the writer is declared here as Spring Cloud Gateway
 * declares it, the router is {@link LoopAffineRoutingFilter}. Turning Spring Cloud
 * Gateway's router back on turns these off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.cloud.gateway.server.webflux.global-filter.netty-routing.enabled",
		havingValue = "false")
class ServiceRouting {

	@Bean
	LoopAffineRoutingFilter loopAffineRoutingFilter(HttpClient httpClient, ServiceRequestHeaders requestHeaders,
			HttpClientProperties properties) {
		return new LoopAffineRoutingFilter(httpClient, List.of(requestHeaders, new ClientResponseHeaders()),
				properties);
	}

	@Bean
	NettyWriteResponseFilter serviceResponseWriter(GatewayProperties properties,
			ObjectProvider<List<HttpHeadersFilter>> headersFilters) {
		return new NettyWriteResponseFilter(properties.getStreamingMediaTypes(), headersFilters);
	}

}
