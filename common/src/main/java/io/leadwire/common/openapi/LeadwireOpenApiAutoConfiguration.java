package io.leadwire.common.openapi;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import io.leadwire.common.context.RequestContext;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.web.IdRulesController;
import tools.jackson.databind.ObjectMapper;

/**
 * A service's part of the API reference: springdoc reads its controllers, this adds what
 * the public contract says about them (ids, the error envelope, the legacy examples
 * (docs/api.md)). The document is served at {@code /internal/openapi} to the gateway
 * only, which merges every service's into {@code /v1/openapi.json}.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
public class LeadwireOpenApiAutoConfiguration {

	static {
		// Resolved from the signed context, never sent by a client.
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(RequestContext.class, TenantScope.class);
	}

	@Bean
	PublicApiDocumentation leadwirePublicApiDocumentation(Environment environment, ObjectMapper json) {
		return new PublicApiDocumentation(IdRulesController.declaredFields(environment),
				SeedExamples.load(json, "openapi/examples.json"));
	}

}
