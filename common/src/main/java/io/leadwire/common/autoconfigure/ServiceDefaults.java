package io.leadwire.common.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Defaults every Leadwire process shares, added below every other source so a service's
 * own {@code application.yml} or an environment variable always wins. Keeps each
 * service's configuration to what is really its own.
 */
public class ServiceDefaults implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new HashMap<>();
		defaults.put("leadwire.context.secret", "${LEADWIRE_CONTEXT_SECRET:}");
		defaults.put("leadwire.ids.salt", "${LEADWIRE_ID_SALT:}");
		defaults.put("spring.threads.virtual.enabled", "true");
		defaults.put("spring.jmx.enabled", "false");
		defaults.put("server.shutdown", "graceful");
		defaults.put("server.error.include-stacktrace", "never");
		defaults.put("server.error.include-message", "never");
		defaults.put("spring.mvc.problemdetails.enabled", "false");
		defaults.put("spring.jackson.deserialization.fail-on-unknown-properties", "false");
		// 1.5 credits is not 1 credit: a fraction for a whole-number field is a 400
		// naming
		// it, never truncated (issue 26).
		defaults.put("spring.jackson.deserialization.accept-float-as-int", "false");
		// Jackson 3 refuses omitted primitives by default; an omitted boolean means false
		// here.
		defaults.put("spring.jackson.deserialization.fail-on-null-for-primitives", "false");
		// Presence-aware requests: an Optional field left out of a body is null, one sent
		// as
		// null is Optional.empty() (PATCH tells "unchanged" from "cleared").
		defaults.put("spring.jackson.deserialization.use-null-for-missing-reference-values", "true");
		// The request id on every line of a request; with tracing on, its trace id too.
		defaults.put("logging.pattern.correlation", "[%X{requestId:-}%replace( trace=%X{traceId:-}){' trace=$', ''}] ");
		// Distributed tracing (Micrometer Tracing, OpenTelemetry, OTLP over HTTP): off
		// unless
		// LEADWIRE_TRACING_ENABLED=true, so a local run pays nothing for it. On, spans
		// cross
		// gateway → service → Kafka → service and are exported to
		// LEADWIRE_OTLP_TRACES_URL.
		// (management.tracing.export.enabled switches export and propagation; off,
		// nothing
		// is sampled either, so spans cost next to nothing.)
		boolean tracing = Boolean.parseBoolean(environment.getProperty("LEADWIRE_TRACING_ENABLED", "false"));
		defaults.put("management.tracing.export.enabled", Boolean.toString(tracing));
		defaults.put("management.tracing.sampling.probability",
				"${LEADWIRE_TRACING_SAMPLING:" + (tracing ? "1.0" : "0.0") + "}");
		defaults.put("management.opentelemetry.tracing.export.otlp.endpoint",
				"${LEADWIRE_OTLP_TRACES_URL:http://localhost:4318/v1/traces}");
		defaults.put("management.endpoints.web.exposure.include", "health,prometheus,info");
		defaults.put("management.endpoint.health.probes.enabled", "true");
		defaults.put("management.endpoint.health.show-details", "never");
		defaults.put("management.metrics.tags.application", "${spring.application.name}");
		// Latency buckets for the dashboards' percentiles (a fixed few, not a full
		// histogram).
		defaults.put("management.metrics.distribution.slo.http.server.requests",
				"25ms,50ms,100ms,250ms,500ms,1s,2500ms,5s");
		if (ClassUtils.isPresent("org.springdoc.core.customizers.OpenApiCustomizer", getClass().getClassLoader())) {
			// The service's part of the API reference, for the gateway only (a signed
			// system context): /internal/** is never routed.
			defaults.put("springdoc.api-docs.path", "/internal/openapi");
			defaults.put("springdoc.paths-to-match", "/v1/**");
			defaults.put("springdoc.api-docs.version", "openapi_3_0");
			defaults.put("springdoc.writer-with-order-by-keys", "true");
			defaults.put("springdoc.default-produces-media-type", "application/json");
		}
		if (ClassUtils.isPresent("feign.Feign", getClass().getClassLoader())) {
			// Calls between services wait a bounded time (the retryer and the circuit
			// breaker are in LeadwireFeignAutoConfiguration).
			defaults.put("spring.cloud.openfeign.client.config.default.connect-timeout", "2000");
			defaults.put("spring.cloud.openfeign.client.config.default.read-timeout", "5000");
		}
		if (ClassUtils.isPresent("com.mongodb.client.MongoClient", getClass().getClassLoader())) {
			defaults.put("spring.mongodb.uri", "${MONGODB_URI:mongodb://localhost:27017}");
			defaults.put("spring.mongodb.database", "${MONGODB_DATABASE:leadwire-${spring.application.name}}");
			defaults.put("management.endpoint.health.group.readiness.include", "readinessState,mongo");
		}
		if (ClassUtils.isPresent("org.springframework.kafka.core.KafkaTemplate", getClass().getClassLoader())) {
			defaults.put("spring.kafka.bootstrap-servers", "${KAFKA_BOOTSTRAP_SERVERS:localhost:9092}");
			defaults.put("spring.kafka.client-id", "${spring.application.name}");
			// Trace context in record headers, when tracing is on.
			defaults.put("spring.kafka.template.observation-enabled", "${LEADWIRE_TRACING_ENABLED:false}");
			defaults.put("spring.kafka.listener.observation-enabled", "${LEADWIRE_TRACING_ENABLED:false}");
			defaults.put("spring.kafka.producer.acks", "all");
			defaults.put("spring.kafka.producer.properties.enable.idempotence", "true");
			defaults.put("spring.kafka.producer.key-serializer",
					"org.apache.kafka.common.serialization.StringSerializer");
			defaults.put("spring.kafka.producer.value-serializer",
					"org.apache.kafka.common.serialization.StringSerializer");
			defaults.put("spring.kafka.consumer.group-id", "${spring.application.name}");
			defaults.put("spring.kafka.consumer.auto-offset-reset", "earliest");
			defaults.put("spring.kafka.consumer.key-deserializer",
					"org.apache.kafka.common.serialization.StringDeserializer");
			defaults.put("spring.kafka.consumer.value-deserializer",
					"org.apache.kafka.common.serialization.StringDeserializer");
		}
		environment.getPropertySources().addLast(new MapPropertySource("leadwireDefaults", defaults));
	}

}
