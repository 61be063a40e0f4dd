package dev.rig.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rig.core.Gateway;
import dev.rig.core.config.RigConfig;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interface hash changes exactly when a tool's name or schemas change. */
class InterfaceHashTest {

    @TempDir
    Path dir;

    @Test
    void sameToolsGiveTheSameHashAcrossOpensAndAnExtraToolChangesIt() throws IOException {
        String first;
        try (Gateway gateway = Gateway.open(RigConfig.defaults(dir))) {
            first = gateway.snapshot().interfaceHash();
        }
        try (Gateway gateway = Gateway.open(RigConfig.defaults(dir))) {
            assertThat(gateway.snapshot().interfaceHash()).isEqualTo(first).matches("[0-9a-f]{64}");
        }
        PackJar.install(dir, "good", dev.rig.jarpacks.JarPacks.class,
                dev.rig.jarpacks.JarPacks.Good.class.getName());
        try (Gateway gateway = Gateway.open(RigConfig.defaults(dir))) {
            assertThat(gateway.snapshot().interfaceHash()).isNotEqualTo(first);
        }
    }
}
