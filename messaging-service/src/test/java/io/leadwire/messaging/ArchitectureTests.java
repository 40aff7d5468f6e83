package io.leadwire.messaging;

import org.junit.jupiter.api.Test;

import io.leadwire.testing.architecture.ArchitectureRules;

class ArchitectureTests {

	@Test
	void dependencyRulesHold() {
		ArchitectureRules.check("messaging");
	}

	@Test
	void eachCollectionIsUsedThroughItsStore() {
		ArchitectureRules.checkStores("messaging");
	}

}
