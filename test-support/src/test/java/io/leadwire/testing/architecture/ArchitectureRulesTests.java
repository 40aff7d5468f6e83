package io.leadwire.testing.architecture;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules catch what they are for, on a fixture that breaks each of them. */
class ArchitectureRulesTests {

	@Test
	void aPackageCycleAForeignModuleAndAPublicControllerAreEachCaught() {
		JavaClasses fixture = new ClassFileImporter().importPackages("io.leadwire.archfixture");
		List<ArchRule> rules = ArchitectureRules.rules("archfixture", List.of("testing"));
		assertThat(rules).hasSize(3);
		for (ArchRule rule : rules) {
			assertThat(rule.evaluate(fixture).hasViolation()).as(rule.getDescription()).isTrue();
		}
	}

	@Test
	void aServiceUsingMongoDirectlyAndACollectionOfTwoStoresAreEachCaught() {
		JavaClasses bad = new ClassFileImporter().importPackages("io.leadwire.storefixture.bad");
		JavaClasses good = new ClassFileImporter().importPackages("io.leadwire.storefixture.good");
		List<ArchRule> rules = ArchitectureRules.storeRules();
		assertThat(rules).hasSize(2);
		for (ArchRule rule : rules) {
			assertThat(rule.evaluate(bad).hasViolation()).as(rule.getDescription()).isTrue();
			assertThat(rule.evaluate(good).hasViolation()).as(rule.getDescription()).isFalse();
		}
	}

}
