package io.leadwire.common.autoconfigure;

import feign.RequestInterceptor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import io.leadwire.common.api.RequestIds;
import io.leadwire.common.context.ContextSigner;

/**
 * Feign calls made while serving a request carry its signed context and request id
 * onwards.
 */
@AutoConfiguration
@ConditionalOnClass({ RequestInterceptor.class, ServletRequestAttributes.class })
public class LeadwireFeignAutoConfiguration {

	@Bean
	RequestInterceptor leadwireContextPropagation() {
		return (template) -> {
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

}
