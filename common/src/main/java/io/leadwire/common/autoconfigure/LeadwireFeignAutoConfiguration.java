package io.leadwire.common.autoconfigure;

import feign.RequestInterceptor;
import feign.Retryer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import io.leadwire.common.api.RequestIds;
import io.leadwire.common.context.CallContext;
import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.RequestContext;
import io.leadwire.common.feign.CircuitBreakingCapability;
import io.leadwire.common.feign.IdempotentRetryer;

/**
 * Feign calls between services: made while serving a request, they carry its signed
 * context and request id onwards; made by work outside a request ({@link CallContext}), a
 * context signed afresh for the tenant the work acts for. Only idempotent calls are
 * retried ({@link IdempotentRetryer}); a circuit breaker per called service stops calls
 * to one that keeps failing ({@link CircuitBreakingCapability}); timeouts come from the
 * service defaults.
 */
@AutoConfiguration(after = LeadwireCoreAutoConfiguration.class)
@ConditionalOnClass({ RequestInterceptor.class, ServletRequestAttributes.class })
public class LeadwireFeignAutoConfiguration {

	@Bean
	RequestInterceptor leadwireContextPropagation(ObjectProvider<ContextSigner> signer) {
		return (template) -> {
			RequestContext work = CallContext.current();
			if (work != null && signer.getIfAvailable() != null) {
				template.header(ContextSigner.HEADER, signer.getObject().sign(work));
				if (work.requestId() != null) {
					template.header(RequestIds.HEADER, work.requestId());
				}
				return;
			}
			String requestId = RequestIds.current();
			if (requestId != null) {
				template.header(RequestIds.HEADER, requestId);
			}
			if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
				String context = attributes.getRequest().getHeader(ContextSigner.HEADER);
				if (context != null) {
					template.header(ContextSigner.HEADER, context);
				}
			}
		};
	}

	@Bean
	Retryer leadwireIdempotentRetryer() {
		return new IdempotentRetryer(3, 100);
	}

	/** Present when the service brings resilience4j-circuitbreaker. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.github.resilience4j.circuitbreaker.CircuitBreaker")
	static class CircuitBreakers {

		@Bean
		CircuitBreakingCapability leadwireCircuitBreakers() {
			return new CircuitBreakingCapability(CircuitBreakerRegistry.of(CircuitBreakingCapability.defaults()));
		}

	}

}
