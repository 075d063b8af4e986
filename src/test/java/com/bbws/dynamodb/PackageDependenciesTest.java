package com.bbws.dynamodb;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Dependencies point one way, toward the catalogue: a package never uses one above it. The entry
 * point (Main) and the program (App) sit on top; the plan and the commands take the program as a value.
 */
class PackageDependenciesTest {

    /** Bottom to top: each package may use only those before it. */
    static final List<String> BOTTOM_TO_TOP = List.of(
            "com.bbws.dynamodb.catalogue",
            "com.bbws.dynamodb.schemas",
            "com.bbws.dynamodb.startup",
            "com.bbws.dynamodb.settings",
            "com.bbws.dynamodb.infra",
            "com.bbws.dynamodb.plan",
            "com.bbws.dynamodb.contract",
            "com.bbws.dynamodb.validate",
            "com.bbws.dynamodb.local",
            "com.bbws.dynamodb.cli",
            "com.bbws.dynamodb");

    private static JavaClasses program;

    @BeforeAll
    static void importTheProgramsClasses() {
        program = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.bbws.dynamodb");
    }

    static List<String> packages() {
        return BOTTOM_TO_TOP.subList(0, BOTTOM_TO_TOP.size() - 1);
    }

    @Test
    void every_package_of_the_program_has_its_place_in_the_order() {
        assertThat(program.stream().map(JavaClass::getPackageName).distinct())
                .as("add a new package to BOTTOM_TO_TOP").isNotEmpty().allMatch(BOTTOM_TO_TOP::contains);
    }

    @Test
    void the_program_starts_no_process_of_its_own_so_it_runs_in_the_jvm_pulumi_started() {
        noClasses().should().dependOnClassesThat().belongToAnyOf(ProcessBuilder.class, ProcessHandle.class)
                .because("pulumi-java programs run in the JVM the language host starts (docs/performance.md)")
                .check(program);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void a_package_uses_no_package_above_it(String pkg) {
        var above = BOTTOM_TO_TOP.subList(BOTTOM_TO_TOP.indexOf(pkg) + 1, BOTTOM_TO_TOP.size());

        noClasses().that().resideInAPackage(pkg)
                .should().dependOnClassesThat().resideInAnyPackage(above.toArray(String[]::new))
                .because("dependencies point one way, toward the catalogue")
                .check(program);
    }
}
