package io.leadwire.webhooks;

import io.leadwire.testing.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTests {

	@Test
	void dependencyRulesHold() {
		ArchitectureRules.check("webhooks");
	}

	@Test
	void mongoIsReachedOnlyThroughStores() {
		ArchitectureRules.checkStores("webhooks");
	}

}
