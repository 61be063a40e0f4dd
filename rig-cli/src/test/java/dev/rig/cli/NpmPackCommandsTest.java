package dev.rig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.config.ConfigLoader;
import dev.rig.core.json.Json;
import dev.rig.core.lock.LockFile;
import dev.rig.core.lock.LockedPack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rig install <id> --runtime node} and the commands after it, with a real npm (installing the
 * test resources' fixture pack as a directory or a tarball, no network) and RIG's Node runner serving it.
 */
class NpmPackCommandsTest {

    private static final String RIG_YAML = """
            # a workspace for the npm pack tests
            packs: {}   # none yet
            server:
              port: 0
            """;

    /** The fixture pack as `npm pack` makes it, and the same name and version with other bytes. */
    @TempDir
    static Path tarballs;

    private static Path tarball;
    private static Path otherBytes;

    @TempDir
    Path dir;

    @TempDir
    Path sources;

    /** The fixture pack's directory (a copy each test may change). */
    private Path directory;
    /** The fixture pack's tarball (a copy each test may replace). */
    private Path pack;

    @BeforeAll
    static void packTheFixture() throws Exception {
        Path source = Files.createDirectories(tarballs.resolve("source"));
        copyFixture(source);
        tarball = npmPack(source, Files.createDirectories(tarballs.resolve("v1")));
        Files.writeString(source.resolve("index.js"), Files.readString(source.resolve("index.js")) + "// changed\n");
        otherBytes = npmPack(source, Files.createDirectories(tarballs.resolve("changed")));
    }

    @BeforeEach
    void workspace() throws Exception {
        Files.writeString(dir.resolve("rig.yaml"), RIG_YAML);
        directory = Files.createDirectories(sources.resolve("fixture-pack"));
        copyFixture(directory);
        pack = Files.copy(tarball, sources.resolve(tarball.getFileName()));
    }

    private static void copyFixture(Path to) throws Exception {
        for (String file : new String[] {"package.json", "index.js"}) {
            Files.copy(Workspaces.fixture("npm-fixture/" + file), to.resolve(file));
        }
    }

    private static Path npmPack(Path source, Path destination) throws Exception {
        Process npm = new ProcessBuilder("npm", "pack", source.toString(), "--pack-destination", destination.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(npm.waitFor()).as("npm pack").isZero();
        try (Stream<Path> files = Files.list(destination)) {
            return files.findFirst().orElseThrow();
        }
    }

    private Cli.Run rig(String... args) {
        return Cli.run(Workspaces.in(dir, args));
    }

    private Cli.Run install() {
        return rig("install", "fixture", "--runtime", "node", "--package", pack.toString());
    }

    private LockedPack locked() {
        return LockFile.read(dir.resolve("rig.lock")).orElseThrow().pack("fixture").orElseThrow();
    }

    @Test
    void anIndexPackTheDistributionCarriesInstallsFromItWithoutTheRegistry() throws Exception {
        Cli.Run run = rig("install", "echo", "--runtime", "node"); // the default index, inside the distribution

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("echo 0.1.0 installed (npm @rig/pack-echo from ").contains("npm/pack-echo")
                .contains("    echo (read)");
        LockedPack echo = LockFile.read(dir.resolve("rig.lock")).orElseThrow().pack("echo").orElseThrow();
        assertThat(echo.runtime()).isEqualTo(LockedPack.NODE);
        assertThat(echo.source()).endsWith("npm/pack-echo");
        assertThat(echo.integrity()).startsWith("sha512-");
        assertThat(rig("list").out()).contains("echo").contains("Returns the given message");
    }

    @Test
    void installFromADirectoryPinsTheVersionNpmsIntegrityAndTheToolsAndEnablesThePack() throws Exception {
        Cli.Run run = rig("install", "fixture", "--runtime", "node", "--package", directory.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("fixture 1.0.0 installed (npm @rig-test/fixture-pack from " + directory
                        + ", sha512-")
                .contains("1 tool pinned in rig.lock, all enabled").contains("    fixture_echo (read)\n")
                .contains("enabled fixture in rig.yaml");
        LockedPack fixture = locked();
        assertThat(fixture.runtime()).isEqualTo(LockedPack.NODE);
        assertThat(fixture.packageName()).isEqualTo("@rig-test/fixture-pack");
        assertThat(fixture.version()).isEqualTo("1.0.0");
        assertThat(fixture.integrity()).startsWith("sha512-");
        assertThat(fixture.source()).isEqualTo(directory.toString());
        assertThat(fixture.tools()).containsOnlyKeys("fixture_echo");
        assertThat(dir.resolve(".rig/node/fixture/node_modules/@rig-test/fixture-pack/index.js")).exists();
        try (Stream<Path> left = Files.list(dir.resolve(".rig/node"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("fixture");
        }
        assertThat(ConfigLoader.load(dir).packs()).containsOnlyKeys("fixture");
        assertThat(Files.readString(dir.resolve("rig.yaml"))).startsWith("# a workspace for the npm pack tests\n");

        assertThat(rig("verify").out()).contains("ok       fixture 1.0.0 (npm @rig-test/fixture-pack: the integrity in"
                + " .rig/node/fixture/package-lock.json matches rig.lock)");
        assertThat(rig("list").out()).contains("fixture_echo");
        JsonNode packs = Json.parse(rig("packs", "--json").out());
        assertThat(packs.get(0).path("runtime").asText()).isEqualTo("node");
        assertThat(rig("info", "fixture").out()).contains("npm @rig-test/fixture-pack 1.0.0 in .rig/node/fixture")
                .contains("fixture_echo (read) Returns the message.");

        Map<String, String> before = Workspaces.snapshot(dir);
        Cli.Run again = rig("install", "fixture");
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.out()).contains("fixture 1.0.0 is already installed");
        assertThat(Workspaces.snapshot(dir)).isEqualTo(before);
    }

    @Test
    void aSpecThatDoesNotExistABrokenTarballAndAPackageThatIsNoPackChangeNothing() throws Exception {
        Map<String, String> before = Workspaces.snapshot(dir);

        Cli.Run missing = rig("install", "fixture", "--runtime", "node", "--package", sources.resolve("nope").toString());
        assertThat(missing.exit()).as(missing.toString()).isEqualTo(1);
        assertThat(missing.err()).contains("no such file or directory");
        assertThat(Workspaces.snapshot(dir)).isEqualTo(before);

        Path broken = Files.writeString(sources.resolve("broken-1.0.0.tgz"), "not a tarball");
        Cli.Run npmFails = rig("install", "fixture", "--runtime", "node", "--package", broken.toString());
        assertThat(npmFails.exit()).as(npmFails.toString()).isEqualTo(1);
        assertThat(npmFails.err()).contains("error: upstream_error: npm install " + broken + " failed");
        assertThat(Workspaces.snapshot(dir)).isEqualTo(before);

        Files.writeString(directory.resolve("index.js"), "module.exports = {};\n");
        Cli.Run notAPack = rig("install", "fixture", "--runtime", "node", "--package", directory.toString());
        assertThat(notAPack.exit()).as(notAPack.toString()).isEqualTo(1);
        assertThat(notAPack.err()).contains("could not start")
                .contains("exports no rigPack(), no rigTools(), no rigInvoke()")
                .contains("hint: check that @rig-test/fixture-pack is a RIG npm pack");
        assertThat(Workspaces.snapshot(dir)).isEqualTo(before);
        assertThat(dir.resolve(".rig")).doesNotExist();
    }

    @Test
    void installWithoutArgumentsRestoresTheLockedPackAndRefusesOtherBytes() throws Exception {
        assertThat(install().exit()).isZero();
        String lock = Files.readString(dir.resolve("rig.lock"));
        Installs.delete(dir.resolve(".rig/node"));

        Cli.Run restored = rig("install", "--frozen");
        assertThat(restored.exit()).as(restored.toString()).isZero();
        assertThat(restored.out()).contains("fixture 1.0.0 restored from rig.lock");
        assertThat(Files.readString(dir.resolve("rig.lock"))).isEqualTo(lock);
        assertThat(rig("verify").exit()).isZero();

        Path lockOfNpm = dir.resolve(".rig/node/fixture/package-lock.json");
        Files.writeString(lockOfNpm, Files.readString(lockOfNpm).replace(locked().integrity(), "sha512-AAAA"));
        Cli.Run changed = rig("verify");
        assertThat(changed.exit()).isEqualTo(1);
        assertThat(changed.out()).contains("CHANGED  fixture 1.0.0").contains("records integrity sha512-AAAA");

        Installs.delete(dir.resolve(".rig/node"));
        Files.copy(otherBytes, pack, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Map<String, String> before = Workspaces.snapshot(dir);
        Cli.Run conflict = rig("install");
        assertThat(conflict.exit()).as(conflict.toString()).isEqualTo(1);
        assertThat(conflict.err()).contains("error: conflict: npm installed @rig-test/fixture-pack 1.0.0")
                .contains("but rig.lock records @rig-test/fixture-pack 1.0.0 (integrity " + locked().integrity());
        assertThat(Workspaces.snapshot(dir)).isEqualTo(before);
    }

    @Test
    void updateReviewsThePacksToolsAndDoctorChecksIt() throws Exception {
        assertThat(install().exit()).isZero();
        Files.writeString(dir.resolve("rig.yaml"), Files.readString(dir.resolve("rig.yaml"))
                .replace("fixture: {}", "fixture: {extra: true}"));

        Cli.Run preview = rig("update", "fixture", "--dry-run");
        assertThat(preview.exit()).as(preview.toString()).isZero();
        assertThat(preview.out()).contains("fixture 1.0.0: 1 tool change (dry run")
                .contains("    + fixture_wipe (new, disabled)\n");

        Cli.Run all = rig("update", "--enable-new");
        assertThat(all.exit()).as(all.toString()).isZero();
        assertThat(all.out()).contains("fixture 1.0.0: 1 tool change accepted into rig.lock")
                .contains("    + fixture_wipe (new, enabled)\n");
        assertThat(locked().tools().get("fixture_wipe").enabled()).isTrue();
        assertThat(locked().integrity()).startsWith("sha512-");

        Cli.Run doctor = rig("doctor");
        assertThat(doctor.exit()).as(doctor.toString()).isZero();
        assertThat(doctor.out()).contains("used by npm pack fixture")
                .contains("✓ npm fixture: 2 tools (version 1.0.0), as pinned");
    }

    @Test
    void uninstallRemovesTheInstalledFilesTheLockEntryAndThePacksEntry() throws Exception {
        assertThat(install().exit()).isZero();

        Cli.Run run = rig("uninstall", "fixture");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("fixture 1.0.0 removed (npm @rig-test/fixture-pack)")
                .contains("removed fixture from rig.yaml");
        assertThat(dir.resolve(".rig/node/fixture")).doesNotExist();
        assertThat(LockFile.read(dir.resolve("rig.lock")).orElseThrow().packs()).isEmpty();
        assertThat(ConfigLoader.load(dir).packs()).isEmpty();
    }

    /** Deletes a directory tree. */
    private static final class Installs {
        static void delete(Path root) throws Exception {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
