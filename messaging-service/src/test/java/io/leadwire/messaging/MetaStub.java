package io.leadwire.messaging;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Meta's Graph API as messaging's service tests see it: a WireMock server the Cloud API
 * provider is pointed at ({@code leadwire.messaging.cloud.graph-url}). It answers 404 to
 * anything a test did not stub (a number's standing then stays unknown); tests stub the
 * paths of their own accounts (unique ids), so they never see each other's.
 */
public final class MetaStub implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static WireMockServer server;

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("metaStub",
					Map.of("leadwire.messaging.cloud.graph-url", "http://127.0.0.1:" + server().port())));
	}

	/** The stub, started the first time it is asked for. */
	public static synchronized WireMockServer server() {
		if (server == null) {
			server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
			server.start();
		}
		return server;
	}

}
