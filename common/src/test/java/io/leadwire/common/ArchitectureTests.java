package io.leadwire.common;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * common is what every module needs: it imports none of them and has no package cycle.
 */
class ArchitectureTests {

	static final JavaClasses COMMON = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.leadwire.common");

	@Test
	void commonImportsNoServiceNorTheGateway() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.leadwire.apikey..", "io.leadwire.leads..", "io.leadwire.contacts..",
					"io.leadwire.campaign..", "io.leadwire.messaging..", "io.leadwire.gateway..",
					"io.leadwire.launcher..")
			.check(COMMON);
	}

	@Test
	void commonHasNoPackageCycle() {
		slices().matching("io.leadwire.common.(**)").should().beFreeOfCycles().check(COMMON);
	}

}
