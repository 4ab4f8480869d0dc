package dev.verity.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md principle 2: the domain and the ports have no AWS dependency; only the adapters (named for what they
 * wrap) and the handlers talk to AWS. Checked on the compiled classes, so a fully qualified use counts as much as an
 * import.
 */
class DomainIsolationTest {

    private static final String[] DOMAIN = {
        "dev.verity.job..",
        "dev.verity.manifest..",
        "dev.verity.selection..",
        "dev.verity.tasktype..",
        "dev.verity.consolidation..",
        "dev.verity.labeling..",
        "dev.verity.catalog..",
        "dev.verity.json..",
        "dev.verity.autolabel..",
        "dev.verity.workforce..",
        "dev.verity.cost..",
        "dev.verity.export.."
    };
    /** Ports and their adapters share a package; an adapter's name starts with what it wraps. */
    private static final String[] PORTS = {
        "dev.verity.store..",
        "dev.verity.queue..",
        "dev.verity.workflow..",
        "dev.verity.lambda..",
        "dev.verity.crowd..",
        "dev.verity.monitor.."
    };

    private static final String[] AWS = {"software.amazon..", "com.amazonaws.."};
    private static final List<String> ADAPTER_PREFIXES = List.of(
            "Dynamo", "S3", "Sqs", "StepFunctions", "Aws", "MechanicalTurk", "Emf", "EventBridge", "CloudWatch");
    /** An adapter, or a class nested in one (an anonymous stream, a builder). */
    private static final DescribedPredicate<JavaClass> ADAPTER = DescribedPredicate.describe(
            "an adapter (named " + ADAPTER_PREFIXES.stream().map(p -> p + "…").toList() + ") or a class inside one",
            c -> {
                String topLevel =
                        c.getName().substring(c.getPackageName().length() + 1).split("\\$")[0];
                return ADAPTER_PREFIXES.stream().anyMatch(topLevel::startsWith);
            });

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.verity");

    @Test
    void domainPackagesDependOnNothingFromAws() {
        ArchRule rule = noClasses()
                .that()
                .resideInAnyPackage(DOMAIN)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(AWS);
        rule.check(MAIN);
    }

    @Test
    void portsDependOnNothingFromAwsOnlyTheirAdaptersDo() {
        ArchRule rule = noClasses()
                .that(resideInAnyPackage(PORTS).and(not(ADAPTER)))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(AWS);
        rule.check(MAIN);
    }

    @Test
    void theWorkforceAndLabelingPackagesDoNotDependOnEachOther() {
        // labeling asks workforce who a job admits; workforce must not need labeling back (one way only).
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage("dev.verity.workforce..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.verity.labeling..");
        rule.check(MAIN);
    }
}
