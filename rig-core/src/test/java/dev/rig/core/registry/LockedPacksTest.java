package dev.rig.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rig.core.Gateway;
import dev.rig.core.api.RigException;
import dev.rig.core.config.ConfigLoader;
import dev.rig.core.config.RigConfig;
import dev.rig.core.lock.LockFile;
import dev.rig.jarpacks.JarPacks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An installed pack loads only when its directory holds exactly the jars rig.lock lists, byte for byte. */
class LockedPacksTest {

    @TempDir
    Path dir;

    private Gateway open() {
        return Gateway.open(RigConfig.defaults(dir));
    }

    private Path installGood() throws IOException {
        return PackJar.install(dir, "good", JarPacks.class, JarPacks.Good.class.getName());
    }

    @Test
    void aPackWhoseJarsMatchTheLockLoads() throws IOException {
        installGood();
        try (Gateway gateway = open()) {
            assertThat(gateway.snapshot().tools()).containsKey("good.probe");
            assertThat(gateway.snapshot().problems()).isEmpty();
        }
    }

    @Test
    void aTamperedJarIsRefusedNamingTheJarAndTheFix() throws IOException {
        Path jar = installGood();
        byte[] bytes = Files.readAllBytes(jar);
        bytes[bytes.length / 2] ^= 1;
        Files.write(jar, bytes);
        try (Gateway gateway = open()) {
            assertThat(gateway.snapshot().tools()).doesNotContainKey("good.probe");
            assertThat(gateway.snapshot().problems()).singleElement().satisfies(p -> {
                assertThat(p.packId()).isEqualTo("good");
                assertThat(p.message()).contains("jar good.jar changed: sha256").contains("rig install --force good")
                        .contains("rig verify good");
            });
        }
    }

    @Test
    void aJarOfTheSameSizeButOtherBytesIsRefusedToo() throws IOException {
        Path jar = installGood();
        long size = Files.size(jar);
        Files.write(jar, new byte[(int) size]);
        try (Gateway gateway = open()) {
            assertThat(gateway.snapshot().problems()).singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("sha256"));
        }
    }

    @Test
    void aMissingJarIsRefused() throws IOException {
        Files.delete(installGood());
        try (Gateway gateway = open()) {
            assertThat(gateway.snapshot().tools()).doesNotContainKey("good.probe");
            assertThat(gateway.snapshot().problems()).singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("jar good.jar is missing"));
        }
    }

    @Test
    void anExtraJarIsRefusedBecauseItWouldBeOnThePacksClassPath() throws IOException {
        Path jar = installGood();
        Files.copy(jar, jar.resolveSibling("sneaky.jar"));
        try (Gateway gateway = open()) {
            assertThat(gateway.snapshot().tools()).doesNotContainKey("good.probe");
            assertThat(gateway.snapshot().problems()).singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("jar sneaky.jar is not in rig.lock"));
        }
    }

    @Test
    void aPackDirectoryTheLockDoesNotNameIsNotLoaded() throws IOException {
        installGood();
        PackJar.write(dir.resolve(".rig/packs/squatter/1.0/squatter.jar"), JarPacks.class,
                JarPacks.Squatter.class.getName());
        try (Gateway gateway = open()) {
            assertThat(gateway.snapshot().packs()).extracting(PackInfo::id).contains("good").doesNotContain("squatter");
            assertThat(gateway.snapshot().problems()).singleElement().satisfies(p -> {
                assertThat(p.packId()).isEqualTo("squatter");
                assertThat(p.message()).contains("not in rig.lock");
            });
        }
    }

    @Test
    void aPackEnabledInRigYamlButNotInstalledIsNamedWithTheCommandToInstallIt() throws IOException {
        installGood();
        Files.writeString(dir.resolve("rig.yaml"), "packs:\n  good: {}\n  stripe: {}\n");
        try (Gateway gateway = Gateway.open(ConfigLoader.load(dir))) {
            assertThat(gateway.snapshot().tools()).containsKey("good.probe");
            assertThat(gateway.snapshot().problems()).singleElement().satisfies(p -> {
                assertThat(p.packId()).isEqualTo("stripe");
                assertThat(p.message()).contains("rig install stripe");
            });
        }
    }

    @Test
    void aLockEditedByHandIsRefusedAtStartWithTheField() throws IOException {
        installGood();
        Path lock = dir.resolve(LockFile.FILE_NAME);
        Files.writeString(lock, Files.readString(lock).replace("\"sha256\" : \"", "\"sha256\" : \"0"));
        assertThatThrownBy(this::open).isInstanceOf(RigException.class)
                .hasMessageContaining("rig.lock cannot be used").hasMessageContaining("packs.good.jars[0].sha256");
    }

    @Test
    void aLockThatIsNotJsonIsRefusedWithTheLine() throws IOException {
        installGood();
        Files.writeString(dir.resolve(LockFile.FILE_NAME), "\n{ not json", StandardOpenOption.APPEND);
        assertThatThrownBy(this::open).isInstanceOf(RigException.class).hasMessageContaining("not valid JSON at line");
    }

    @Test
    void aReloadWithABrokenLockKeepsTheCurrentSnapshot() throws IOException {
        installGood();
        try (Gateway gateway = open()) {
            Snapshot before = gateway.snapshot();
            Files.writeString(dir.resolve(LockFile.FILE_NAME), "[]");
            assertThatThrownBy(gateway::reload).isInstanceOf(RigException.class)
                    .hasMessageContaining("top level must be a JSON object");
            assertThat(gateway.snapshot()).isSameAs(before);
        }
    }

    @Test
    void anUnchangedPackKeepsItsClassLoaderAcrossReloads() throws IOException {
        installGood();
        try (Gateway gateway = open()) {
            ClassLoader first = gateway.snapshot().tool("good.probe").orElseThrow().tool().getClass().getClassLoader();
            gateway.reload();
            assertThat(gateway.snapshot().tool("good.probe").orElseThrow().tool().getClass().getClassLoader())
                    .isSameAs(first);
        }
    }
}
