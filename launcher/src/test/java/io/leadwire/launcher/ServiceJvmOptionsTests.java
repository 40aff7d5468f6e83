package io.leadwire.launcher;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceJvmOptionsTests {

	@Test
	void compactObjectHeadersFromJava25OnUnlessTheOptionsDecide() {
		assertThat(Platform.serviceJvmOptions(List.of("-Xmx384m"), 25)).containsExactly("-Xmx384m",
				"-XX:+UseCompactObjectHeaders");
		assertThat(Platform.serviceJvmOptions(List.of("-Xmx384m"), 21)).containsExactly("-Xmx384m");
		assertThat(Platform.serviceJvmOptions(List.of("-XX:-UseCompactObjectHeaders"), 25))
			.containsExactly("-XX:-UseCompactObjectHeaders");
	}

	@Test
	void servicesAndTheManagementPortListenOnTheBindAddressOnly() {
		assertThat(Platform.bindings("leads-service", "127.0.0.1"))
			.containsExactly(java.util.Map.entry("SERVER_ADDRESS", "127.0.0.1"));
		assertThat(Platform.bindings("gateway", "127.0.0.1"))
			.containsExactly(java.util.Map.entry("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1"));
	}

}
