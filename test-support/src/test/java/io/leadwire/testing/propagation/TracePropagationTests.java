package io.leadwire.testing.propagation;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.common.event.EventEnvelope;
import io.leadwire.common.kafka.EventPublisher;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTestInitializer;
import io.leadwire.testing.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With tracing switched on (LEADWIRE_TRACING_ENABLED, as a deployment sets it), a
 * request's trace continues through a Feign call and through a Kafka event into the
 * consumer: the services' shared defaults (common) wire it, nothing per service.
 */
@SpringBootTest(classes = TracePropagationTests.App.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "spring.application.name=tracing", "spring.kafka.consumer.group-id=tracing",
				"LEADWIRE_TRACING_ENABLED=true", "management.tracing.export.otlp.enabled=false" })
@ContextConfiguration(initializers = ServiceTestInitializer.class)
class TracePropagationTests {

	static final int PORT = RequestIdPropagationTests.freePort();

	static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

	static final BlockingQueue<String> consumed = new LinkedBlockingQueue<>();

	@DynamicPropertySource
	static void port(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("echo.url", () -> "http://127.0.0.1:" + PORT);
	}

	private static HttpJson.Response call(String path) {
		return new HttpJson("http://127.0.0.1:" + PORT)
			.header(ContextSigner.HEADER, TestSecrets.tenant(7L, Environment.LIVE))
			.header("traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01")
			.get(path);
	}

	@Test
	void aFeignCallContinuesTheRequestsTrace() {
		HttpJson.Response response = call("/trace-relay");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.data().get("traceparent").asString()).startsWith("00-" + TRACE + "-");
	}

	@Test
	void aKafkaEventContinuesTheRequestsTraceIntoTheConsumer() throws Exception {
		assertThat(call("/trace-publish").status()).isEqualTo(200);
		assertThat(consumed.poll(30, TimeUnit.SECONDS)).startsWith("00-" + TRACE + "-");
	}

	@SpringBootApplication
	@EnableFeignClients(clients = TraceEchoClient.class)
	@org.springframework.context.annotation.Import(TraceEndpoints.class)
	static class App {

		@KafkaListener(topics = "tracing.test")
		void consume(ConsumerRecord<String, String> record) {
			var header = record.headers().lastHeader("traceparent");
			consumed.add((header != null) ? new String(header.value(), StandardCharsets.UTF_8) : "none");
		}

	}

	@FeignClient(name = "trace-echo", url = "${echo.url}")
	interface TraceEchoClient {

		@GetMapping("/trace-echo")
		Echoed echo();

	}

	record Echoed(Map<String, String> data) {
	}

	@RestController
	static class TraceEndpoints {

		private final TraceEchoClient echo;

		private final EventPublisher publisher;

		TraceEndpoints(TraceEchoClient echo, EventPublisher publisher) {
			this.echo = echo;
			this.publisher = publisher;
		}

		@GetMapping("/trace-relay")
		ApiResponse<Map<String, String>> relay() {
			return ApiResponse.ok(this.echo.echo().data());
		}

		@GetMapping("/trace-echo")
		ApiResponse<Map<String, String>> echo(
				@RequestHeader(name = "traceparent", required = false) String traceparent) {
			return ApiResponse.ok(Map.of("traceparent", String.valueOf(traceparent)));
		}

		@GetMapping("/trace-publish")
		ApiResponse<String> publish() throws Exception {
			this.publisher
				.publish("tracing.test", "k", EventEnvelope.of("TraceTested", 7L, Environment.LIVE, "rid", Map.of()))
				.get(10, TimeUnit.SECONDS);
			return ApiResponse.ok("sent");
		}

	}

}
