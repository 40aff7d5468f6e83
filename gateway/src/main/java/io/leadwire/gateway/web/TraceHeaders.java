package io.leadwire.gateway.web;

import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The trace context a service's request carries, when tracing is on
 * ({@code LEADWIRE_TRACING_ENABLED}): the gateway's own span of the request, so the
 * service's spans are its children (the routing filter is the gateway's own, which does
 * not observe its client calls). Off, there is no propagator and nothing is added.
 */
@Component
public class TraceHeaders {

	private final Propagator propagator;

	TraceHeaders(ObjectProvider<Propagator> propagator) {
		this.propagator = propagator.getIfAvailable();
	}

	public void inject(ServerWebExchange exchange, HttpHeaders headers) {
		if (this.propagator == null) {
			return;
		}
		ServerRequestObservationContext.findCurrent(exchange.getAttributes())
			.map((context) -> (TracingObservationHandler.TracingContext) context
				.get(TracingObservationHandler.TracingContext.class))
			.map(TracingObservationHandler.TracingContext::getSpan)
			.ifPresent((span) -> {
				this.propagator.fields().forEach(headers::remove);
				this.propagator.inject(span.context(), headers, (carrier, name, value) -> carrier.set(name, value));
			});
	}

}
