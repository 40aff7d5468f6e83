package io.leadwire.gateway;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With tracing on (LEADWIRE_TRACING_ENABLED), the service's request continues the
 * client's trace as a child of the gateway's span of the request.
 */
@TestPropertySource(properties = { "LEADWIRE_TRACING_ENABLED=true", "management.tracing.export.otlp.enabled=false" })
class TracingTests extends GatewayTestBase {

	@Test
	void theServiceRequestCarriesTheClientsTraceWithTheGatewaysSpanAsParent() {
		String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
		String clientSpan = "00f067aa0ba902b7";
		assertThat(client().header("X-API-Key", KEY)
			.header("traceparent", "00-" + trace + "-" + clientSpan + "-01")
			.get("/v1/leads/" + IDS.encode(1000040))
			.status()).isEqualTo(200);

		LoggedRequest forwarded = services.findAll(getRequestedFor(urlPathEqualTo("/v1/leads/1000040"))).get(0);
		String traceparent = forwarded.getHeader("traceparent");
		assertThat(traceparent).startsWith("00-" + trace + "-").doesNotContain(clientSpan);
	}

}
