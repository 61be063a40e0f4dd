package dev.rig.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rig.core.api.RigException;
import dev.rig.core.config.ConfigLoader;
import dev.rig.core.config.McpServerSettings;
import dev.rig.core.config.RigConfig;
import dev.rig.spi.ErrorType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** mcp_servers: edits touch only that section, are proved by reloading, and refuse what they cannot prove. */
class McpServersEditorTest {

    private static final String WORKSPACE = """
            # my gateway
            pack_set_version: dev   # tag

            packs:
              echo: {}              # smoke tests

            mcp_servers:
              # the file server, started on demand
              files:
                command: [npx, -y, "@modelcontextprotocol/server-filesystem", /srv]   # read-only share
                start: lazy

            # where the API listens
            server:
              port: 8787
            """;

    @TempDir
    Path dir;

    private Path write(String text) throws Exception {
        return Files.writeString(dir.resolve("rig.yaml"), text);
    }

    private static McpServerSettings stdio(String id, List<String> command) {
        return McpServerSettings.stdio(id, command, Map.of(), List.of());
    }

    @Test
    void addsAServerAsTheLastEntryOfABlockSectionKeepingEveryOtherByte() throws Exception {
        Path file = write(WORKSPACE);
        McpServerSettings everything = new McpServerSettings("everything",
                List.of("npx", "-y", "@modelcontextprotocol/server-everything@2025.9.25"), Map.of("DEBUG", "yes"),
                null, null, List.of("GITHUB_TOKEN"), McpServerSettings.Start.BOOT, null, null);

        McpServersEditor.Plan plan = McpServersEditor.planAdd(file, everything, false);
        assertThat(Files.readString(file)).as("planning writes nothing").isEqualTo(WORKSPACE);
        assertThat(plan.apply().summary()).isEqualTo("added mcp_servers.everything in rig.yaml");

        assertThat(Files.readString(file)).isEqualTo(WORKSPACE.replace("""
                    start: lazy
                """, """
                    start: lazy
                  everything:
                    command: [npx, -y, "@modelcontextprotocol/server-everything@2025.9.25"]
                    env: {DEBUG: "yes"}
                    auth: [GITHUB_TOKEN]
                    start: boot
                """));
        RigConfig config = ConfigLoader.load(dir);
        assertThat(config.mcpServers()).containsOnlyKeys("files", "everything");
        assertThat(config.mcpServers().get("everything")).isEqualTo(everything);
    }

    @Test
    void appendsAMissingSectionAtTheEndOfTheFile() throws Exception {
        String text = "pack_set_version: dev\npacks: {}";
        Path file = write(text);
        McpServerSettings remote = new McpServerSettings("remote", null, null, URI.create("https://mcp.example.com/mcp"),
                Map.of("Authorization", "Bearer ${REMOTE_TOKEN}"), null, null, null, null);

        McpServersEditor.planAdd(file, remote, false).apply();

        String after = Files.readString(file);
        assertThat(after).startsWith(text + "\n\n# MCP servers mounted as packs")
                .endsWith("""
                        mcp_servers:
                          remote:
                            url: "https://mcp.example.com/mcp"
                            headers: {Authorization: "Bearer ${REMOTE_TOKEN}"}
                        """);
        assertThat(ConfigLoader.load(dir).mcpServers().get("remote")).isEqualTo(remote);
    }

    @Test
    void replacesAServerInPlaceOnlyWhenAsked() throws Exception {
        Path file = write(WORKSPACE);
        McpServerSettings files = stdio("files", List.of("node", "files.js"));

        RigException taken = catchThrowableOfType(RigException.class, () -> McpServersEditor.planAdd(file, files, false));
        assertThat(taken.type()).isEqualTo(ErrorType.CONFLICT);

        McpServersEditor.planAdd(file, files, true).apply();
        assertThat(Files.readString(file)).contains("""
                mcp_servers:
                  # the file server, started on demand
                  files:
                    command: [node, files.js]

                # where the API listens
                """);
        assertThat(ConfigLoader.load(dir).mcpServers().get("files")).isEqualTo(files);
    }

    @Test
    void removesAServerWithItsSettingsAndKeepsTheRest() throws Exception {
        Path file = write(WORKSPACE);

        assertThat(McpServersEditor.remove(file, "files").summary()).isEqualTo("removed mcp_servers.files from rig.yaml");

        assertThat(Files.readString(file)).isEqualTo(WORKSPACE.replace("""
                  files:
                    command: [npx, -y, "@modelcontextprotocol/server-filesystem", /srv]   # read-only share
                    start: lazy
                """, ""));
        assertThat(ConfigLoader.load(dir).mcpServers()).isEmpty();
        assertThat(McpServersEditor.remove(file, "files").changed()).isFalse();
    }

    @Test
    void aFlowSectionIsRefusedWithTheLinesToAddByHandAndTheFileUnchanged() throws Exception {
        String text = "packs: {}\nmcp_servers: {}   # none yet\n";
        Path file = write(text);

        RigException refused = catchThrowableOfType(RigException.class,
                () -> McpServersEditor.planAdd(file, stdio("files", List.of("node", "server.js")), false));

        assertThat(refused.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(refused.getMessage()).isEqualTo("rig.yaml:2: the mcp_servers: section has a shape RIG cannot edit"
                + " safely (mcp_servers: is written as `{}` on its own line, not as a block mapping of servers);"
                + " rig.yaml is unchanged");
        assertThat(refused.hints()).singleElement().asString()
                .contains("by hand (as a block mapping), then run `rig update files` to pin its tools:")
                .endsWith("\n      files:\n        command: [node, server.js]");
        assertThat(Files.readString(file)).isEqualTo(text);
    }

    @Test
    void keepsWindowsLineBreaksAndAFileEndingWithoutOne() throws Exception {
        String text = "packs: {}\r\nmcp_servers:\r\n  a:\r\n    command: [a]";
        Path file = write(text);

        McpServersEditor.planAdd(file, stdio("b", List.of("b")), false).apply();

        assertThat(Files.readString(file)).isEqualTo("packs: {}\r\nmcp_servers:\r\n  a:\r\n    command: [a]\r\n  b:\r\n"
                + "    command: [b]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-y", "--port=8080", "@scope/pkg@1.0.0", "yes", "No", "null", "~", "8080", "1.0", "a b",
        "C:\\server", "${TOKEN}", "it's", "say \"hi\"", "#hash", "a: b", "[x]", "{x}", "*", "&a", "!tag", "|", ">",
        "%x", "`x`", "é ü", "", "./relative/path", "/abs/path", "a,b", "http://x:1/y?z#w"})
    void everyCommandWordReadsBackAsTheSameString(String word) throws Exception {
        Path file = write("packs: {}\n");
        McpServerSettings server = new McpServerSettings("s", List.of("node", word), Map.of("K_" + Math.abs(word.hashCode()),
                word), null, null, null, null, null, null);

        McpServersEditor.planAdd(file, server, false).apply();

        McpServerSettings loaded = ConfigLoader.load(dir).mcpServers().get("s");
        assertThat(loaded.command()).containsExactly("node", word);
        assertThat(loaded.env().values()).containsExactly(word);
    }

    @Test
    void sameExceptServersComparesEveryOtherComponent() throws Exception {
        write(WORKSPACE);
        RigConfig before = ConfigLoader.load(dir);
        write(WORKSPACE.replace("port: 8787", "port: 8788"));
        RigConfig after = ConfigLoader.load(dir);

        assertThat(McpServersEditor.sameExceptServers(before, before, before.mcpServers())).isTrue();
        assertThat(McpServersEditor.sameExceptServers(before, after, before.mcpServers())).isFalse();
        assertThat(McpServersEditor.sameExceptServers(before, before, new LinkedHashMap<>())).isFalse();
    }
}
