package dev.rig.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds the module direction of docs/architecture.md over every RIG class on the CLI's class path
 * (spi, core, server, cli and the bundled packs): arrows point down the module table only.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.rig");
    }

    @Test
    void theSpiDependsOnNothingElseOfRig() {
        noClasses().that().resideInAPackage("dev.rig.spi..")
                .should().dependOnClassesThat(resideInAPackage("dev.rig..").and(not(resideInAPackage("dev.rig.spi.."))))
                .check(classes);
    }

    @Test
    void theCoreDoesNotDependOnItsEdges() {
        noClasses().that().resideInAPackage("dev.rig.core..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.rig.server..", "dev.rig.cli..", "dev.rig.mcp..")
                .check(classes);
    }

    @Test
    void theServerDoesNotDependOnTheCli() {
        noClasses().that().resideInAPackage("dev.rig.server..")
                .should().dependOnClassesThat().resideInAPackage("dev.rig.cli..")
                .check(classes);
    }

    @Test
    void theMcpEdgeSeesOnlyTheCore() {
        noClasses().that().resideInAPackage("dev.rig.mcp..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.rig.server..", "dev.rig.cli..")
                .check(classes);
    }

    @Test
    void packsSeeOnlyTheSpi() throws IOException {
        List<Path> packJars;
        try (Stream<Path> files = Files.walk(Path.of(System.getProperty("rig.home"), "packs"))) {
            packJars = files.filter(p -> p.toString().endsWith(".jar")).toList();
        }
        assertThat(packJars).hasSizeGreaterThanOrEqualTo(2);
        noClasses().that().resideInAPackage("dev.rig.pack..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("dev.rig.core..", "dev.rig.server..", "dev.rig.cli..", "dev.rig.mcp..",
                        "dev.rig.install..")
                .check(new ClassFileImporter().importJars(packJars.stream().map(PackJarFile::open).toList()));
    }

    /** Opens a jar for ArchUnit. */
    private static final class PackJarFile {
        static java.util.jar.JarFile open(Path jar) {
            try {
                return new java.util.jar.JarFile(jar.toFile());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Test
    void theInstallerSeesOnlyTheCore() {
        noClasses().that().resideInAPackage("dev.rig.install..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.rig.server..", "dev.rig.cli..", "dev.rig.mcp..")
                .check(classes);
        noClasses().that().resideInAnyPackage("dev.rig.core..", "dev.rig.server..", "dev.rig.mcp..")
                .should().dependOnClassesThat().resideInAPackage("dev.rig.install..")
                .check(classes);
    }

    @Test
    void onlyTheCliWritesToStdout() {
        noClasses().that().resideOutsideOfPackage("dev.rig.cli..")
                .should().accessField(System.class, "out")
                .because("stdout carries data (and MCP stdio streams); logs go to stderr")
                .check(classes);
    }

    @Test
    void modulesHaveNoCycles() {
        slices().matching("dev.rig.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.rig.(**)").should().beFreeOfCycles().check(classes);
    }
}
