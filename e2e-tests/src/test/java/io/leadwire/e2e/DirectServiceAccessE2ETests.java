package io.leadwire.e2e;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.leadwire.testing.HttpJson;

import static org.assertj.core.api.Assertions.assertThat;

@Order(3)
class DirectServiceAccessE2ETests {

	static RunningPlatform platform;

	@BeforeAll
	static void start() throws Exception {
		platform = RunningPlatform.get();
	}

	@Test
	void requestSentStraightToAServiceWithoutTheSignedContextIs401() {
		String key = platform.tenant(0).get("liveKey").asString();
		for (String service : List.of("apikey-service", "leads-service", "contacts-service", "campaign-service",
				"messaging-service", "webhook-service")) {
			HttpJson direct = new HttpJson(platform.serviceUrl(service));
			HttpJson.Response response = direct.header("X-API-Key", key).get("/v1/leads");
			assertThat(response.status()).as(service).isEqualTo(401);
			assertThat(response.code()).isEqualTo("missing_context");

			HttpJson.Response forged = direct.header("X-Leadwire-Context", "v1.e30.AAAA").get("/v1/leads");
			assertThat(forged.status()).as(service).isEqualTo(401);
			assertThat(forged.code()).isEqualTo("invalid_context");
		}
	}

	@Test
	void servicesAndTheManagementPortAreNotReachableFromTheNetwork() throws Exception {
		java.util.List<java.net.InetAddress> external = java.net.NetworkInterface.networkInterfaces()
			.flatMap(java.net.NetworkInterface::inetAddresses)
			.filter((address) -> address instanceof java.net.Inet4Address && !address.isLoopbackAddress())
			.toList();
		org.junit.jupiter.api.Assumptions.assumeFalse(external.isEmpty(), "this host has a network address");
		for (java.net.InetAddress address : external) {
			for (String service : List.of("apikey-service", "leads-service", "contacts-service", "campaign-service",
					"messaging-service", "webhook-service", "gateway-management")) {
				int port = Integer.parseInt(platform.serviceUrl(service).replaceAll(".*:", ""));
				try (java.net.Socket socket = new java.net.Socket()) {
					org.assertj.core.api.Assertions
						.assertThatThrownBy(() -> socket.connect(new java.net.InetSocketAddress(address, port), 2000))
						.as("%s on %s:%d", service, address, port)
						.isInstanceOf(java.io.IOException.class);
				}
			}
		}
	}

	@Test
	void keyVerificationIsNotReachableThroughTheGateway() {
		String key = platform.tenant(0).get("liveKey").asString();
		HttpJson.Response response = platform.withKey(key).post("/internal/keys/verify", java.util.Map.of("hash", "0"));
		assertThat(response.status()).isEqualTo(404);
		assertThat(platform.withKey(key).post("/v1/internal/keys/verify", java.util.Map.of("hash", "0")).status())
			.isEqualTo(404);
	}

}
