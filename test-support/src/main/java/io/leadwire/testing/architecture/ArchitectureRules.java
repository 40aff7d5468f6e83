package io.leadwire.testing.architecture;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The dependency rules every module's build checks (STYLE.md, ARCHITECTURE.md): a service
 * never imports another service or the gateway; no package cycles inside a module; REST
 * controllers are package-private. A module's test calls {@link #check(String)} with its
 * base package.
 */
public final class ArchitectureRules {

	/** The deployable modules: each is a base package under {@code io.leadwire}. */
	public static final List<String> MODULES = List.of("apikey", "leads", "contacts", "campaign", "messaging",
			"gateway", "launcher");

	private ArchitectureRules() {
	}

	/** Checks every rule on the production classes of {@code io.leadwire.<module>}. */
	public static void check(String module) {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.leadwire." + module);
		for (ArchRule rule : rules(module)) {
			rule.check(classes);
		}
	}

	static List<ArchRule> rules(String module) {
		return rules(module, MODULES);
	}

	static List<ArchRule> rules(String module, List<String> modules) {
		String[] others = modules.stream()
			.filter((other) -> !other.equals(module))
			.map((other) -> "io.leadwire." + other + "..")
			.toArray(String[]::new);
		return List.of(
				noClasses().that()
					.resideInAPackage("io.leadwire." + module + "..")
					.should()
					.dependOnClassesThat()
					.resideInAnyPackage(others)
					.because("a module is deployed on its own: it talks to others over HTTP and Kafka, "
							+ "with its own records")
					.allowEmptyShould(true),
				slices().matching("io.leadwire." + module + ".(**)")
					.should()
					.beFreeOfCycles()
					.because("a package cycle makes every package of it one unit")
					.allowEmptyShould(true),
				classes().that()
					.areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
					.should()
					.notHaveModifier(JavaModifier.PUBLIC)
					.because("controllers are entry points, not APIs for other classes (STYLE.md)")
					.allowEmptyShould(true));
	}

}
