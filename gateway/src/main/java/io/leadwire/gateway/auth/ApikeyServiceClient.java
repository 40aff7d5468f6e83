package io.leadwire.gateway.auth;

import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.RequestContext;
import io.leadwire.gateway.GatewayProperties;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;

/**
 * The gateway's calls to apikey-service's internal endpoints: non-blocking, with a system
 * context, reading only the envelope's {@code data} into the gateway's own record.
 */
@Component
class ApikeyServiceClient {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final WebClient client;

	private final ContextSigner signer;

	private final ObjectMapper json;

	ApikeyServiceClient(GatewayProperties properties, ContextSigner signer, ObjectMapper json) {
		this.client = WebClient.builder().baseUrl(properties.apikeyServiceUrl().toString()).build();
		this.signer = signer;
		this.json = json;
	}

	<T> Mono<T> post(String path, Object body, Class<T> answer, String requestId) {
		JavaType envelope = this.json.getTypeFactory().constructParametricType(Envelope.class, answer);
		return this.client.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.header(ContextSigner.HEADER, this.signer.sign(RequestContext.system(requestId)))
			.header("X-Request-Id", requestId)
			.bodyValue(body)
			.retrieve()
			.bodyToMono(byte[].class)
			.map((bytes) -> this.json.<Envelope<T>>readValue(bytes, envelope).data())
			.timeout(TIMEOUT);
	}

	/** The part of the envelope the gateway reads. */
	record Envelope<T>(T data) {
	}

}
