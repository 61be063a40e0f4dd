package dev.rig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.json.Json;
import dev.rig.core.lock.JarDigest;
import dev.rig.core.lock.LockFile;
import dev.rig.core.lock.LockedPack;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pack commands on a workspace made by {@code rig init}, which installs echo and fs from the
 * distribution's bundled repository (rig.home), offline.
 */
class PackCommandsTest {

    @TempDir
    Path dir;

    @BeforeEach
    void workspace() {
        Cli.Run init = Cli.run("init", "--dir", dir.toString());
        assertThat(init.exit()).as(init.toString()).isZero();
    }

    private Cli.Run rig(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--dir";
        all[args.length + 1] = dir.toString();
        return Cli.run(all);
    }

    private LockFile lock() {
        return LockFile.read(dir.resolve("rig.lock")).orElseThrow();
    }

    @Test
    void initInstallsEchoAndFsFromTheBundledRepositoryIntoPacksIdVersionWithTheirSha256Locked() throws Exception {
        assertThat(lock().packs()).containsOnlyKeys("echo", "fs");
        LockedPack echo = lock().pack("echo").orElseThrow();
        assertThat(echo.source()).isEqualTo("bundled");
        assertThat(echo.packageName()).isEqualTo("dev.rig:rig-pack-echo");
        Path jar = dir.resolve(".rig/packs/echo/" + echo.version() + "/" + echo.jars().get(0).file());
        assertThat(JarDigest.sha256(jar)).isEqualTo(echo.jars().get(0).sha256());
    }

    @Test
    void installingAnInstalledPackIsANoOpThatExitsZero() {
        Cli.Run run = rig("install", "echo");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("echo 0.1.0 is already installed");
    }

    @Test
    void verifyNamesAChangedJarAndTheFixAndExitsOne() throws Exception {
        assertThat(rig("verify").exit()).isZero();
        LockedPack fs = lock().pack("fs").orElseThrow();
        Path jar = dir.resolve(".rig/packs/fs/" + fs.version() + "/" + fs.jars().get(0).file());
        byte[] bytes = Files.readAllBytes(jar);
        bytes[100] ^= 0x20;
        Files.write(jar, bytes);

        Cli.Run run = rig("verify");
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("ok       echo").contains("CHANGED  fs")
                .contains("jar " + fs.jars().get(0).file() + " changed: sha256");
        assertThat(run.err()).contains("rig install --force");

        Cli.Run list = rig("list");
        assertThat(list.out()).doesNotContain("fs.read_file");
        assertThat(list.err()).contains("refused").contains("rig install --force fs");

        assertThat(rig("install", "--force", "fs").exit()).isZero();
        assertThat(rig("verify", "fs").exit()).isZero();
        assertThat(rig("list").out()).contains("fs.read_file");
    }

    @Test
    void anUnknownPackIsAClearErrorAndChangesNothing() throws Exception {
        String lockBefore = Files.readString(dir.resolve("rig.lock"));
        Cli.Run run = rig("install", "nope");
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("no pack 'nope' in the index").contains("rig packs --available")
                .doesNotContain("Exception");
        assertThat(Files.readString(dir.resolve("rig.lock"))).isEqualTo(lockBefore);
    }

    @Test
    void aMalformedIndexIsNamedWithTheLine() throws Exception {
        Path index = Files.writeString(dir.resolve("index.json"), "{\"api_version\": 1,\n \"packs\": {");
        Cli.Run run = rig("install", "stripe", "--index-url", index.toString());
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("is not valid JSON").contains("line");
    }

    @Test
    void anUnreachableIndexWithoutACacheSaysSo() {
        Cli.Run run = rig("packs", "--available", "--index-url", "http://127.0.0.1:9/index.json");
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("cannot fetch index http://127.0.0.1:9/index.json");
    }

    @Test
    void packsListsTheInstalledAndTheAvailablePacks() throws Exception {
        JsonNode installed = Json.parse(rig("packs", "--json").out());
        assertThat(installed).hasSize(2);
        assertThat(installed.get(0).path("pack").asText()).isEqualTo("echo");
        assertThat(installed.get(0).path("source").asText()).isEqualTo("bundled");
        assertThat(installed.get(0).path("installed_at").asText()).isNotEmpty();

        JsonNode available = Json.parse(rig("packs", "--available", "--json").out());
        assertThat(available.path("packs")).hasSize(12);
        assertThat(available.path("packs").findValuesAsText("pack"))
                .contains("echo", "fs", "stripe", "twilio", "slack", "sendgrid", "github", "google", "notion",
                        "airtable", "supabase", "elevenlabs");
    }

    @Test
    void infoShowsTheIndexEntryTheInstalledJarsAndTheTools() {
        Cli.Run run = rig("info", "fs");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("dev.rig:rig-pack-fs:0.1.0").contains("installed: 0.1.0 from bundled")
                .contains("sha256:").contains("fs.read_file (read)").contains("fs.delete_file (destructive)");
        assertThat(rig("info", "stripe").out()).contains("not installed: `rig install stripe`");
    }

    @Test
    void listPacksShowsVersionSourceAndInstalledAt() {
        Cli.Run run = rig("list", "--packs");
        assertThat(run.out()).contains("dev.rig:rig-pack-echo:0.1.0 from bundled")
                .contains(lock().pack("echo").orElseThrow().installedAt().toString());
    }

    @Test
    void uninstallRemovesTheJarsTheLockEntryAndTheRigYamlEntry() throws Exception {
        Cli.Run run = rig("uninstall", "fs");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(dir.resolve(".rig/packs/fs")).doesNotExist();
        assertThat(lock().packs()).containsOnlyKeys("echo");
        assertThat(Files.readString(dir.resolve("rig.yaml"))).doesNotContain("  fs:").contains("echo: {}");
        assertThat(rig("list").out()).doesNotContain("fs.read_file");
        assertThat(rig("list").err()).doesNotContain("warning");

        Cli.Run again = rig("uninstall", "fs");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("'fs' is not installed");
    }

    @Test
    void installWithoutArgumentsRestoresTheLockedPacksAfterAFreshClone() throws Exception {
        String lockBefore = Files.readString(dir.resolve("rig.lock"));
        dev.rig.install.Installer.class.getName();
        try (var paths = Files.walk(dir.resolve(".rig/packs"))) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        Cli.Run run = rig("install", "--frozen");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("echo 0.1.0 restored from rig.lock").contains("fs 0.1.0 restored from rig.lock");
        assertThat(Files.readString(dir.resolve("rig.lock"))).isEqualTo(lockBefore);
        assertThat(rig("verify").exit()).isZero();
    }

    @Test
    void theInstallCommandsNeedAWorkspace(@TempDir Path empty) {
        Cli.Run run = Cli.run("install", "echo", "--dir", empty.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("no rig.yaml in").contains("rig init");
    }
}
