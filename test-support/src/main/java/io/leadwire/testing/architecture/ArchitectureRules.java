package io.leadwire.testing.architecture;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

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
			"webhooks", "gateway", "launcher");

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

	/**
	 * Checks that MongoDB is reached only through stores: a class that uses
	 * {@code MongoOperations} (or the template or its bulks) is a {@code @Repository} (or
	 * configuration), and each mapped collection ({@code @Document}) is used by one
	 * store.
	 */
	public static void checkStores(String module) {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.leadwire." + module);
		for (ArchRule rule : storeRules()) {
			rule.check(classes);
		}
	}

	static List<ArchRule> storeRules() {
		return List.of(noClasses().that()
			.areNotMetaAnnotatedWith("org.springframework.context.annotation.Configuration")
			.and(new DescribedPredicate<JavaClass>("are not stores (or nested in one)") {
				@Override
				public boolean test(JavaClass type) {
					return !store(topLevel(type));
				}
			})
			.should()
			.dependOnClassesThat()
			.haveNameMatching(
					"org\\.springframework\\.data\\.mongodb\\.core\\.(MongoOperations|MongoTemplate|BulkOperations)")
			.because("each collection is used through its store, the only user of MongoOperations in its service")
			.allowEmptyShould(true),
				classes().that()
					.areAnnotatedWith("org.springframework.data.mongodb.core.mapping.Document")
					.should(new ArchCondition<JavaClass>("be used by one store at most") {
						@Override
						public void check(JavaClass document, ConditionEvents events) {
							Set<String> stores = new TreeSet<>();
							for (Dependency dependency : document.getDirectDependenciesToSelf()) {
								JavaClass origin = topLevel(dependency.getOriginClass());
								if (store(origin)) {
									stores.add(origin.getSimpleName());
								}
							}
							if (stores.size() > 1) {
								events.add(SimpleConditionEvent.violated(document,
										document.getSimpleName() + " is used by several stores: " + stores));
							}
						}
					})
					.because("one store per collection keeps its queries and indexes in one place")
					.allowEmptyShould(true));
	}

	private static final String REPOSITORY = "org.springframework.stereotype.Repository";

	private static boolean store(JavaClass type) {
		return type.isMetaAnnotatedWith(REPOSITORY) || type.getSimpleName().endsWith("Store");
	}

	private static JavaClass topLevel(JavaClass type) {
		JavaClass top = type;
		while (top.getEnclosingClass().isPresent()) {
			top = top.getEnclosingClass().get();
		}
		return top;
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
