package io.leadwire.common.autoconfigure;

import java.util.List;

import org.apache.catalina.core.StandardHost;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.web.ControlCharacterAdvice;
import io.leadwire.common.web.EnvelopeErrorController;
import io.leadwire.common.web.EnvelopeErrorReportValve;
import io.leadwire.common.web.IdRulesController;
import io.leadwire.common.web.RequestContextArgumentResolver;
import io.leadwire.common.web.RequestContextFilter;
import io.leadwire.common.web.RequestIdFilter;
import io.leadwire.common.web.RequestShapeFilter;
import io.leadwire.common.web.ServiceExceptionHandler;
import tools.jackson.databind.ObjectMapper;

/**
 * What every servlet service gets: request ids, the signed-context check, the error
 * envelope.
 */
@AutoConfiguration(after = LeadwireCoreAutoConfiguration.class,
		beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = Type.SERVLET)
@Import({ ServiceExceptionHandler.class, EnvelopeErrorController.class, ControlCharacterAdvice.class,
		IdRulesController.class })
public class LeadwireServletAutoConfiguration {

	@Bean
	FilterRegistrationBean<RequestIdFilter> leadwireRequestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	FilterRegistrationBean<RequestShapeFilter> leadwireRequestShapeFilter(ObjectMapper json) {
		FilterRegistrationBean<RequestShapeFilter> registration = new FilterRegistrationBean<>(
				new RequestShapeFilter(json));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		return registration;
	}

	@Bean
	FilterRegistrationBean<RequestContextFilter> leadwireContextFilter(ContextSigner signer,
			LeadwireProperties properties, ObjectMapper json) {
		FilterRegistrationBean<RequestContextFilter> registration = new FilterRegistrationBean<>(
				new RequestContextFilter(signer, properties.context().publicPaths(), json));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	/** Tomcat's own error pages in the envelope ({@link EnvelopeErrorReportValve}). */
	@Bean
	@ConditionalOnClass(name = "org.apache.catalina.valves.ErrorReportValve")
	TomcatContextCustomizer leadwireEnvelopeErrorPages() {
		return (context) -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(EnvelopeErrorReportValve.class.getName());
			}
		};
	}

	@Bean
	WebMvcConfigurer requestContextArguments() {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new RequestContextArgumentResolver());
			}
		};
	}

}
