package dev.verity.models;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The models are domain code: the Lambda jar carries the AWS SDK, but nothing here may use it; only the Lambda entry
 * points ({@code handler}) see Lambda's types. Checked on the compiled classes.
 */
class DomainIsolationTest {

    @Test
    void theModelsDependOnNothingFromAws() {
        JavaClasses models = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.verity.models");
        noClasses()
                .that()
                .resideInAPackage("dev.verity.models..")
                .and()
                .resideOutsideOfPackage("dev.verity.models.handler..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("software.amazon..", "com.amazonaws..")
                .check(models);
    }
}
