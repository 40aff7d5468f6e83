package io.leadwire.testing.propagation;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Autowired;
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
import io.leadwire.common.api.RequestIds;
import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.common.event.EventEnvelope;
import io.leadwire.common.kafka.EventPublisher;
import io.leadwire.testing.HttpJson;
import io.leadwire.testing.ServiceTestInitializer;
import io.leadwire.testing.TestSecrets;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request id (and the signed context) travel from an incoming request through a Feign
 * call and through a Kafka event into the consumer's log context.
 */
@SpringBootTest(classes = RequestIdPropagationTests.App.class,
		webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "spring.application.name=propagation", "spring.kafka.consumer.group-id=propagation" })
@ContextConfiguration(initializers = ServiceTestInitializer.class)
class RequestIdPropagationTests {

	static final int PORT = freePort();

	static final BlockingQueue<String> consumed = new LinkedBlockingQueue<>();

	@Autowired
	EventPublisher publisher;

	@DynamicPropertySource
	static void port(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("echo.url", () -> "http://127.0.0.1:" + PORT);
	}

	@Test
	void feignCallsCarryTheRequestIdAndTheSignedContext() {
		String context = TestSecrets.tenant(7L, Environment.LIVE);
		HttpJson.Response response = new HttpJson("http://127.0.0.1:" + PORT).header(ContextSigner.HEADER, context)
			.header(RequestIds.HEADER, "rid-feign-1")
			.get("/relay");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode seen = response.data();
		assertThat(seen.get("requestId").asString()).isEqualTo("rid-feign-1");
		assertThat(seen.get("context").asString()).isEqualTo(context);
	}

	@Test
	void kafkaEventsCarryTheRequestIdIntoTheConsumer() throws Exception {
		this.publisher
			.publish("propagation.test", "k",
					EventEnvelope.of("PropagationTested", 7L, Environment.LIVE, "rid-kafka-1", Map.of("n", 1)))
			.get(10, TimeUnit.SECONDS);
		assertThat(consumed.poll(30, TimeUnit.SECONDS)).isEqualTo("rid-kafka-1");
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SpringBootApplication
	@EnableFeignClients(clients = EchoClient.class)
	@org.springframework.context.annotation.Import(Endpoints.class)
	static class App {

		@KafkaListener(topics = "propagation.test")
		void consume(String event) {
			consumed.add(String.valueOf(MDC.get(RequestIds.MDC_KEY)));
		}

	}

	@FeignClient(name = "echo", url = "${echo.url}")
	interface EchoClient {

		@GetMapping("/echo")
		Echoed echo();

	}

	/** The caller's own record of the answer: only what it reads. */
	record Echoed(Map<String, String> data) {
	}

	@RestController
	static class Endpoints {

		private final EchoClient echo;

		Endpoints(EchoClient echo) {
			this.echo = echo;
		}

		@GetMapping("/relay")
		ApiResponse<Map<String, String>> relay() {
			return ApiResponse.ok(this.echo.echo().data());
		}

		@GetMapping("/echo")
		ApiResponse<Map<String, String>> echo(@RequestHeader(RequestIds.HEADER) String requestId,
				@RequestHeader(ContextSigner.HEADER) String context) {
			return ApiResponse.ok(Map.of("requestId", requestId, "context", context));
		}

	}

}
