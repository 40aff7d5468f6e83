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

}
