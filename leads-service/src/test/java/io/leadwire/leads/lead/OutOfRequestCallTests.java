package io.leadwire.leads.lead;

import java.util.concurrent.CompletableFuture;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.leadwire.common.context.CallContext;
import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.Environment;
import io.leadwire.common.context.RequestContext;
import io.leadwire.common.context.TenantScope;
import io.leadwire.testing.ServiceTest;
import io.leadwire.testing.TestSecrets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A call made by work outside any request (a job, a consumer) carries a context signed
 * afresh for the tenant the work acts for.
 */
@ServiceTest
class OutOfRequestCallTests {

	static final WireMockServer apikey = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	@Autowired
	TenantUsers users;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		apikey.start();
		registry.add("leadwire.leads.apikey-service-url", () -> "http://127.0.0.1:" + apikey.port());
	}

	@AfterAll
	static void stop() {
		apikey.stop();
	}

	@Test
	void workOutsideARequestSignsItsCallsForTheTenantItActsFor() {
		apikey.stubFor(get("/v1/users/1000090").willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withBody("{\"success\":true,\"data\":{\"id\":1000090}}")));
		TenantScope scope = new TenantScope(4242, Environment.TEST);
		CompletableFuture.runAsync(() -> CallContext.as(RequestContext.forTenant(scope, "job-77"), () -> {
			this.users.requireMember(1000090, "assignedTo");
			return null;
		})).join();

		var request = apikey.findAll(getRequestedFor(urlEqualTo("/v1/users/1000090"))).get(0);
		RequestContext sent = TestSecrets.SIGNER.verify(request.getHeader(ContextSigner.HEADER));
		assertThat(sent.tenantScope()).isEqualTo(scope);
		assertThat(sent.userId()).isNull();
		assertThat(sent.requestId()).isEqualTo("job-77");
		assertThat(request.getHeader("X-Request-Id")).isEqualTo("job-77");
	}

}
