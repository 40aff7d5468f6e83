package io.leadwire.gateway;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.testing.HttpJson;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Services own their id rules: the gateway reads them from each service and follows a
 * change without being redeployed or reconfigured (issue 14).
 */
class IdRulesTests extends GatewayTestBase {

	@Test
	void aFieldAServiceStartsDeclaringIsEncodedWithoutAGatewayChange() {
		services.stubFor(any(urlPathEqualTo("/v1/leads/1000040")).atPriority(1)
			.willReturn(okJson(
					"{\"success\":true,\"data\":{\"id\":1000040,\"tenantId\":1000020,\"partnerRef\":1000050}}")));
		HttpJson caller = client().header("X-API-Key", KEY);
		String lead = IDS.encode(1000040);
		assertThat(caller.get("/v1/leads/" + lead).data().get("partnerRef").asLong())
			.as("not declared (yet): passed as the service wrote it")
			.isEqualTo(1000050);

		try {
			stubIdRules(ID_RULES.replace("\"fields\":[\"id\",", "\"fields\":[\"id\",\"partnerRef\","));
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> caller.get("/v1/leads/" + lead).data().get("partnerRef").isString());
			assertThat(caller.get("/v1/leads/" + lead).data().get("partnerRef").asString())
				.isEqualTo(IDS.encode(1000050));
		}
		finally {
			stubIdRules(ID_RULES);
		}
	}

	@Test
	void theGatewayAsksEachServiceWithASystemContext() {
		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.until(() -> !services.findAll(getRequestedFor(urlEqualTo("/internal/id-rules"))).isEmpty());
		String context = services.findAll(getRequestedFor(urlEqualTo("/internal/id-rules")))
			.get(0)
			.getHeader(ContextSigner.HEADER);
		assertThat(io.leadwire.testing.TestSecrets.SIGNER.verify(context).scope())
			.isEqualTo(io.leadwire.common.context.RequestContext.Scope.SYSTEM);
	}

}
