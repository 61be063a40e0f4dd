package dev.rig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

class NewPackCommandTest {

    private static final List<String> FILES = List.of(
            "pom.xml",
            "mvnw",
            ".mvn/wrapper/maven-wrapper.properties",
            ".gitignore",
            "README.md",
            "src/main/java/com/acme/rig/crmsync/CrmSyncPack.java",
            "src/main/java/com/acme/rig/crmsync/HelloTool.java",
            "src/main/resources/META-INF/services/dev.rig.spi.Pack",
            "src/test/java/com/acme/rig/crmsync/CrmSyncPackTest.java");

    @TempDir
    Path tmp;

    @Test
    void writesAReadyMavenProject() throws Exception {
        Path project = tmp.resolve("crm");

        Cli.Run run = Cli.run("new", "pack", "crm-sync", "--group-id", "com.acme", "--dir", project.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("wrote " + project + " (9 files); next: cd " + project + " && ./mvnw verify%n".formatted());
        assertThat(filesUnder(project)).containsExactlyInAnyOrderElementsOf(FILES);
        assertThat(Files.isExecutable(project.resolve("mvnw"))).isTrue();
        Path repo = Path.of("..").toAbsolutePath().normalize();
        assertThat(project.resolve("mvnw")).hasSameBinaryContentAs(repo.resolve("mvnw"));
        assertThat(project.resolve(".mvn/wrapper/maven-wrapper.properties"))
                .hasSameTextualContentAs(repo.resolve(".mvn/wrapper/maven-wrapper.properties"));
    }

    @Test
    void thePomBuildsAgainstThisRigFromItsBundledRepository() throws Exception {
        Path project = tmp.resolve("crm");
        Cli.run("new", "pack", "crm-sync", "--group-id", "com.acme", "--dir", project.toString());

        String pom = Files.readString(project.resolve("pom.xml"));

        String bundled = Path.of(System.getProperty("rig.home"), "repository").toAbsolutePath().normalize().toUri()
                .toString();
        assertThat(pom).doesNotContain("<parent>", "{{")
                .contains("<groupId>com.acme</groupId>", "<artifactId>rig-pack-crm-sync</artifactId>",
                        "<version>0.1.0</version>", "<rig.version>" + RigVersion.version() + "</rig.version>",
                        "<artifactId>rig-spi</artifactId>", "<scope>provided</scope>",
                        "<artifactId>rig-pack-testkit</artifactId>", "<artifactId>junit-jupiter</artifactId>",
                        "<artifactId>assertj-core</artifactId>", "<maven.compiler.release>21</maven.compiler.release>",
                        "<id>rig-bundled</id>", "<url>" + bundled + "</url>", "maven-surefire-plugin",
                        "<artifactId>maven-toolchains-plugin</artifactId>", "<version>3.2.0</version>",
                        "<goal>select-jdk-toolchain</goal>", "<version>[21,)</version>");
    }

    @Test
    void theSourcesNameThePackItsToolAndItsPackage() throws Exception {
        Path project = tmp.resolve("crm");
        Cli.run("new", "pack", "crm-sync", "--group-id", "com.acme", "--dir", project.toString());
        Path sources = project.resolve("src/main/java/com/acme/rig/crmsync");

        assertThat(Files.readString(sources.resolve("CrmSyncPack.java")))
                .contains("package com.acme.rig.crmsync;", "public final class CrmSyncPack implements Pack",
                        "return \"crm-sync\";", "List.of(new HelloTool())");
        assertThat(Files.readString(sources.resolve("HelloTool.java")))
                .contains("ToolDef.builder(\"crm-sync.hello\")", "RiskClass.READ", "\"required\": [\"name\"]",
                        "\"additionalProperties\": false", ".outputSchema(", ".example(");
        assertThat(project.resolve("src/main/resources/META-INF/services/dev.rig.spi.Pack"))
                .hasContent("com.acme.rig.crmsync.CrmSyncPack");
        assertThat(Files.readString(project.resolve("src/test/java/com/acme/rig/crmsync/CrmSyncPackTest.java")))
                .contains("class CrmSyncPackTest", "PackContract.of(new CrmSyncPack())", "hello.invoke(");
        assertThat(Files.readString(project.resolve("README.md")))
                .contains("# rig-pack-crm-sync", "./mvnw install", "rig install com.acme:rig-pack-crm-sync:0.1.0",
                        "| `crm-sync.hello` | read |")
                .doesNotContain("{{");
    }

    @Test
    void jsonPrintsTheDirectoryThePackIdAndTheFiles() throws Exception {
        Path project = tmp.resolve("crm");

        Cli.Run run = Cli.run("new", "pack", "crm-sync", "--group-id", "com.acme", "--dir", project.toString(),
                "--json");

        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode doc = Json.parse(run.out());
        assertThat(doc.path("dir").asText()).isEqualTo(project.toString());
        assertThat(doc.path("pack_id").asText()).isEqualTo("crm-sync");
        List<String> files = new ArrayList<>();
        doc.path("files").forEach(file -> files.add(file.asText()));
        assertThat(files).containsExactlyElementsOf(FILES);
        assertThat(run.err()).startsWith("wrote ");
    }

    @Test
    void theDefaultsFollowTheGroupIdAndTheName() throws Exception {
        Path project = tmp.resolve("p");

        Cli.Run run = Cli.run("new", "pack", "weather", "--dir", project.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(project.resolve("src/main/java/com/example/rig/weather/WeatherPack.java")).isRegularFile();
        assertThat(Files.readString(project.resolve("pom.xml"))).contains("<groupId>com.example</groupId>");
    }

    @Test
    void aGivenPackageIsUsed() {
        Path project = tmp.resolve("p");

        Cli.Run run = Cli.run("new", "pack", "weather", "--package", "org.acme.tools", "--dir", project.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(project.resolve("src/main/java/org/acme/tools/WeatherPack.java")).isRegularFile();
        assertThat(project.resolve("src/test/java/org/acme/tools/WeatherPackTest.java")).isRegularFile();
    }

    @Test
    void namesThatAreNotJavaIdentifiersAreMadeSo() {
        assertThat(PackTemplate.defaultPackage("com.my-org", "3d-print")).isEqualTo("com.my_org.rig._3dprint");
        assertThat(PackTemplate.defaultPackage("org.example", "new")).isEqualTo("org.example.rig.new_");
        assertThat(template("3d-print").className()).isEqualTo("Rig3dPrintPack");
        assertThat(template("s3_bucket--tools").className()).isEqualTo("S3BucketToolsPack");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Crm", "-crm", "_crm", "crm.sync", "crm sync", "crm/sync",
        "a1234567890123456789012345678901234567890123456789012345678901234"})
    void aNameThatIsNotAPackIdIsAUsageErrorSayingTheRule(String name) throws IOException {
        Path project = tmp.resolve("p");

        Cli.Run run = Cli.run("new", "pack", "--dir", project.toString(), "--", name);

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("is not a pack id", "[a-z0-9][a-z0-9_-]{0,63}");
        assertThat(project).doesNotExist();
    }

    @Test
    void aBadPackageOrGroupIdIsAUsageError() {
        Cli.Run badPackage = Cli.run("new", "pack", "crm", "--package", "com.acme.new", "--dir", tmp.toString());
        Cli.Run badGroup = Cli.run("new", "pack", "crm", "--group-id", "com..acme", "--dir", tmp.toString());

        assertThat(badPackage.exit()).as(badPackage.toString()).isEqualTo(2);
        assertThat(badPackage.err()).contains("'com.acme.new' is not a Java package name");
        assertThat(badGroup.exit()).as(badGroup.toString()).isEqualTo(2);
        assertThat(badGroup.err()).contains("is not a Maven groupId");
    }

    @Test
    void refusesANonEmptyDirectory() throws Exception {
        Files.writeString(tmp.resolve("notes.txt"), "mine");

        Cli.Run run = Cli.run("new", "pack", "crm", "--dir", tmp.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.FAILED.code());
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(tmp + " exists and is not empty", "--force");
        assertThat(filesUnder(tmp)).containsExactly("notes.txt");
    }

    @Test
    void writesIntoAnEmptyDirectoryAndWithForceIntoAnyOther() throws Exception {
        assertThat(Cli.run("new", "pack", "crm", "--dir", tmp.toString()).exit()).isZero();
        Files.writeString(tmp.resolve("notes.txt"), "mine");
        Files.writeString(tmp.resolve("README.md"), "old");

        Cli.Run run = Cli.run("new", "pack", "crm", "--dir", tmp.toString(), "--force");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(tmp.resolve("notes.txt")).hasContent("mine");
        assertThat(Files.readString(tmp.resolve("README.md"))).startsWith("# rig-pack-crm");
    }

    @Test
    void withoutTheDistributionItIsAUsageErrorSayingHowToRunIt() {
        String home = System.clearProperty("rig.home");
        try {
            Cli.Run run = Cli.run("new", "pack", "crm", "--dir", tmp.resolve("p").toString());

            assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.USAGE.code());
            assertThat(run.err()).contains("needs the RIG distribution", "bin/rig", "./rig");
            assertThat(tmp.resolve("p")).doesNotExist();
        } finally {
            System.setProperty("rig.home", home);
        }
    }

    @Test
    void newWithoutAVerbIsAUsageError() {
        Cli.Run run = Cli.run("new");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("missing command: choose pack");
    }

    /**
     * The real thing: the generated project's own wrapper builds it and runs its tests, with whatever
     * JAVA_HOME the environment has (the project's toolchains plugin finds a JDK 21+ when it is older).
     */
    @Test
    void theGeneratedProjectBuildsAndPassesItsTests() throws Exception {
        Path project = tmp.resolve("rig-pack-crm-sync");
        Cli.Run run = Cli.run("new", "pack", "crm-sync", "--group-id", "com.acme", "--dir", project.toString());
        assertThat(run.exit()).as(run.toString()).isZero();
        List<String> command = new ArrayList<>(List.of("./mvnw", "-B", "-q", "verify"));
        String localRepository = System.getProperty("maven.repo.local");
        if (localRepository != null) {
            command.add("-Dmaven.repo.local=" + localRepository);
        }
        Path log = tmp.resolve("build.log");

        Process build = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean finished = build.waitFor(Duration.ofMinutes(5).toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            build.descendants().forEach(ProcessHandle::destroyForcibly);
            build.destroyForcibly();
        }

        assertThat(finished).as("./mvnw verify finished within 5 minutes; log:\n%s", tail(log)).isTrue();
        assertThat(build.exitValue()).as("./mvnw verify exit code; log:\n%s", tail(log)).isZero();
        Path jar = project.resolve("target/rig-pack-crm-sync-0.1.0.jar");
        assertThat(jar).isRegularFile();
        try (JarFile contents = new JarFile(jar.toFile())) {
            assertThat(contents.getEntry("META-INF/services/dev.rig.spi.Pack")).isNotNull();
            assertThat(contents.getEntry("com/acme/rig/crmsync/CrmSyncPack.class")).isNotNull();
            assertThat(contents.stream().map(entry -> entry.getName())).noneMatch(name -> name.startsWith("dev/rig/"));
        }
        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(project.resolve("target/surefire-reports/TEST-com.acme.rig.crmsync.CrmSyncPackTest.xml")
                        .toFile())
                .getDocumentElement();
        assertThat(Integer.parseInt(suite.getAttribute("tests"))).isGreaterThanOrEqualTo(2);
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        assertThat(suite.getAttribute("skipped")).isEqualTo("0");
    }

    private static PackTemplate template(String packId) {
        return new PackTemplate(packId, "com.example", "com.example.rig.x", "0.1.0", "file:///rig/repository/");
    }

    private static List<String> filesUnder(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).map(path -> root.relativize(path).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
