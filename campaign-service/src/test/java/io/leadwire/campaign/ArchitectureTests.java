package io.leadwire.campaign;

import org.junit.jupiter.api.Test;

import io.leadwire.testing.architecture.ArchitectureRules;

class ArchitectureTests {

	@Test
	void dependencyRulesHold() {
		ArchitectureRules.check("campaign");
	}

	@Test
	void eachCollectionIsUsedThroughItsStore() {
		ArchitectureRules.checkStores("campaign");
	}

}
