package io.leadwire.messaging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import io.leadwire.common.context.ContextSigner;
import io.leadwire.common.context.RequestContext;
import io.leadwire.testing.TestSecrets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * apikey-service as messaging's tests see it, stubbed over HTTP by its contract
 * ({@code GET /internal/wallet-owner}, answered for the tenant of the signed context it
 * is asked with): a tenant spends its own wallet unless a test made it a partner's client
 * ({@link #clientOf}). The end-to-end suite runs the real apikey-service.
 */
public final class ApikeyStub implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final Map<Long, Long> PARTNERS = new ConcurrentHashMap<>();

	private static WireMockServer server;

	/** From now on, {@code company} spends {@code partner}'s wallet. */
	public static void clientOf(long company, long partner) {
		PARTNERS.put(company, partner);
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("apikeyStub",
					Map.of("leadwire.messaging.apikey-service-url", "http://127.0.0.1:" + start().port())));
	}

	private static synchronized WireMockServer start() {
		if (server == null) {
			server = new WireMockServer(
					WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1").extensions(new Owner()));
			server.start();
			server.stubFor(get(urlEqualTo("/internal/wallet-owner")).willReturn(aResponse().withStatus(200)));
		}
		return server;
	}

	static final class Owner implements ResponseDefinitionTransformerV2 {

		@Override
		public ResponseDefinition transform(ServeEvent event) {
			RequestContext context = TestSecrets.SIGNER.verify(event.getRequest().getHeader(ContextSigner.HEADER));
			long tenant = context.tenantId();
			long owner = PARTNERS.getOrDefault(tenant, tenant);
			return aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"data\":{\"tenantId\":" + tenant + ",\"walletOwnerId\":" + owner + "}}")
				.build();
		}

		@Override
		public String getName() {
			return "wallet-owner";
		}

	}

}
