package io.leadwire.gateway.metrics;

import io.micrometer.common.KeyValues;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.server.reactive.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * RED metrics per route: {@code http.server.requests} at the gateway also carries the
 * route that served the request ({@code leads}, {@code contacts}, {@code campaigns},
 * {@code messaging}, {@code apikey}; {@code gateway} for what the gateway answers itself:
 * health, usage, the API reference, refusals before routing). Routed requests have no
 * handler pattern, so their {@code uri} tag is a constant and the route is what tells
 * them apart; the tag's values are the fixed route ids.
 */
@Component
class RouteTaggedRequests extends DefaultServerRequestObservationConvention {

	@Override
	public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
		Object route = context.getAttributes().get(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		return super.getLowCardinalityKeyValues(context).and("route",
				(route instanceof Route routed) ? routed.getId() : "gateway");
	}

}
