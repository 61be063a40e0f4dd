package dev.rig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rig.core.config.ConfigLoader;
import dev.rig.core.config.RigConfig;
import dev.rig.core.lock.LockFile;
import dev.rig.core.lock.LockedPack;
import dev.rig.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rig doctor}'s node check against a PATH the test controls: missing, too old, fine. */
class NodeCheckTest {

    @TempDir
    Path dir;

    @TempDir
    Path bin;

    private RigConfig config(String rigYaml) throws Exception {
        Files.writeString(dir.resolve("rig.yaml"), rigYaml);
        return ConfigLoader.load(dir);
    }

    private static LockFile withNpmPack(String id) {
        TreeMap<String, dev.rig.core.lock.PinnedTool> tools = new TreeMap<>();
        tools.put("t", dev.rig.core.lock.PinnedTool.of(Json.MAPPER.createObjectNode().put("name", "t"), true));
        Instant now = Instant.parse("2026-11-25T00:00:00Z");
        return LockFile.empty("0.1.0", now).with(new LockedPack(id, "@x/" + id, "1.0.0", LockedPack.NODE, "sha512-x",
                now, "@x/" + id + "@1.0.0", List.of(), tools), "0.1.0", now);
    }

    /** A fake program printing {@code version}. */
    private void program(String name, String version) throws Exception {
        Path file = Files.writeString(bin.resolve(name), "#!/bin/sh\necho " + version + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void missingNodePassesWithANoteWhenNothingNeedsIt() throws Exception {
        DoctorCommand.Check check = NodeCheck.check(config("packs: {}\n"), null, Map.of("PATH", bin.toString()));

        assertThat(check.ok()).isTrue();
        assertThat(check.detail()).isEqualTo("node not found on the PATH (only npm packs and MCP servers started with node"
                + " or npx need it)");
    }

    @Test
    void missingNodeFailsWithTheInstallHintWhenAPackOrServerNeedsIt() throws Exception {
        RigConfig config = config("packs: {gh: {}}\nmcp_servers:\n  files:\n    command: [npx, -y, server]\n");

        DoctorCommand.Check check = NodeCheck.check(config, withNpmPack("gh"), Map.of("PATH", bin.toString()));

        assertThat(check.ok()).isFalse();
        assertThat(check.detail()).isEqualTo("node not found on the PATH, but npm pack gh, MCP server files (npx) need it");
        assertThat(check.fix()).startsWith("install Node.js 18 or newer with npm");
    }

    @Test
    void anOldNodeFailsForNpmPacksOnly() throws Exception {
        program("node", "v16.20.0");
        program("npm", "8.19.4");
        Map<String, String> path = Map.of("PATH", bin.toString());

        DoctorCommand.Check npmPack = NodeCheck.check(config("packs: {gh: {}}\n"), withNpmPack("gh"), path);
        assertThat(npmPack.ok()).isFalse();
        assertThat(npmPack.detail()).contains("node v16.20.0 (" + bin.resolve("node") + "), npm 8.19.4 is too old for"
                + " npm pack gh (they need node 18 or newer)");

        DoctorCommand.Check server = NodeCheck.check(config("mcp_servers:\n  a:\n    command: [node, a.js]\n"), null, path);
        assertThat(server.ok()).isTrue();
        assertThat(server.detail()).endsWith("; used by MCP server a (node)");
    }

    @Test
    void rigNodeNamesTheProgram() throws Exception {
        program("node22", "v22.1.0");

        DoctorCommand.Check check = NodeCheck.check(config("packs: {}\n"), null,
                Map.of("PATH", "", "RIG_NODE", bin.resolve("node22").toString()));

        assertThat(check.ok()).isTrue();
        assertThat(check.detail()).startsWith("node v22.1.0 (" + bin.resolve("node22") + "), npm not found");
    }
}
