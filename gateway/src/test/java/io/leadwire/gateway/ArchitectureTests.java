package io.leadwire.gateway;

import org.junit.jupiter.api.Test;

import io.leadwire.testing.architecture.ArchitectureRules;

class ArchitectureTests {

	@Test
	void dependencyRulesHoldAndAuthenticationAndRateLimitsAreNoCycle() {
		ArchitectureRules.check("gateway");
	}

}
