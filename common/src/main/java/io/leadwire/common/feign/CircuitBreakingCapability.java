package io.leadwire.common.feign;

import java.time.Duration;

import feign.Capability;
import feign.Client;
import feign.Response;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * A circuit breaker per called service around Feign's HTTP client: after half of the last
 * 20 calls (10 at least) failed — no connection, a timeout, a 5xx — calls to that service
 * are refused at once ({@code CallNotPermittedException}) for 10 s, then tried again. A
 * 4xx is the service answering and never counts. Calls run on the caller's own thread, so
 * the request id and {@code CallContext} travel with them (Spring Cloud CircuitBreaker's
 * Feign integration ran them on another thread).
 */
public final class CircuitBreakingCapability implements Capability {

	private final CircuitBreakerRegistry breakers;

	public CircuitBreakingCapability(CircuitBreakerRegistry breakers) {
		this.breakers = breakers;
	}

	public static CircuitBreakerConfig defaults() {
		return CircuitBreakerConfig.custom()
			.slidingWindowSize(20)
			.minimumNumberOfCalls(10)
			.failureRateThreshold(50)
			.waitDurationInOpenState(Duration.ofSeconds(10))
			.recordResult((result) -> result instanceof Response response && response.status() >= 500)
			.build();
	}

	public CircuitBreakerRegistry breakers() {
		return this.breakers;
	}

	@Override
	public Client enrich(Client client) {
		return (request, options) -> {
			String service = (request.requestTemplate() != null && request.requestTemplate().feignTarget() != null)
					? request.requestTemplate().feignTarget().name() : "default";
			CircuitBreaker breaker = this.breakers.circuitBreaker(service);
			try {
				return breaker.executeCheckedSupplier(() -> client.execute(request, options));
			}
			catch (java.io.IOException | RuntimeException ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new IllegalStateException(ex);
			}
		};
	}

}
