package dev.rig.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rig.core.api.RigException;
import dev.rig.core.config.ConfigLoader;
import dev.rig.core.config.RigConfig;
import dev.rig.spi.ErrorType;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** rig.yaml edits touch only the packs: section, are proved by reloading, and refuse what they cannot prove. */
class RigYamlEditorTest {

    /** What `rig init` writes (rig-cli's rig.yaml.template). */
    private static final String TEMPLATE = """
            # RIG gateway configuration, written by `rig init`.
            # Paths are relative to this directory. `rig doctor` checks this file; `rig serve` runs it.

            # An operator tag reported in every result as pack_set_version (dev, staging, prod, ...).
            pack_set_version: dev

            # The packs to enable, each with its settings. Without this key every pack found is enabled.
            packs:
              echo: {}                 # echo: answers with its input; for smoke tests
              fs:
                root: ./workspace      # the fs tools read and write inside this directory only

            # Where the RGP HTTP API listens. 127.0.0.1 keeps it on this machine.
            server:
              host: 127.0.0.1
              port: 8787

            # What may run, what waits for a human, and how long calls may take.
            policy:
              # allowed_tools: [echo, "fs.*"]         # only these tools (globs); absent means every tool
              denied_tools: []                        # never these, even when allowed
              require_approval_for: [money, infra, destructive]   # risk classes held until `rig approve`
              timeout_seconds: 30                     # per call, 1..3600
              retries: 1                              # only for failures safe to retry, 0..10
              # tools:                                # per-tool overrides; the longest matching glob wins
              #   "fs.write_file": {require_approval: true}
              #   "fs.*": {timeout_seconds: 10, retries: 0}

            # The same tools over MCP: `rig mcp` (stdio, for clients that start their servers; see
            # `rig mcp --print-config`) and streamable HTTP at /mcp on the server's port while `rig serve` runs.
            mcp:
              http: true                              # serve /mcp beside the RGP API
              stateless: false                        # true: no MCP session in this process (behind a load balancer)
              approvals: message                      # message: tell the user how to approve; elicitation: ask them in the client
              # allowed_origins: ["https://agent.example.com"]   # browsers allowed to call /mcp (default: this machine only)
              # allowed_hosts: ["rig.internal:8787"]             # Host headers accepted (default: this machine's names)

            # A held call must be approved within this many seconds, or it expires.
            approvals:
              ttl_seconds: 3600

            # The audit log (and pending approvals) in an embedded SQLite database.
            audit_db_path: .rig/audit.db
            """;

    private static final String FS_ENTRY = """
              fs:
                root: ./workspace      # the fs tools read and write inside this directory only
            """;

    private static final String AFTER_FS = "    root: ./workspace      # the fs tools read and write inside this"
            + " directory only\n";

    @TempDir
    Path dir;

    private Path rigYaml(String text) throws IOException {
        return Files.writeString(dir.resolve("rig.yaml"), text);
    }

    private String read() throws IOException {
        return Files.readString(dir.resolve("rig.yaml"));
    }

    private List<String> packs() {
        return List.copyOf(ConfigLoader.load(dir).packs().keySet());
    }

    @Test
    void enableAppendsOneEntryToTheTemplateAndKeepsEveryOtherLine() throws IOException {
        Path file = rigYaml(TEMPLATE);

        RigYamlEditor.Edit edit = RigYamlEditor.enable(file, "stripe");

        assertThat(edit).isEqualTo(new RigYamlEditor.Edit(true, "enabled stripe in rig.yaml"));
        assertThat(read()).isEqualTo(TEMPLATE.replace(AFTER_FS, AFTER_FS + "  stripe: {}\n"));
        assertThat(packs()).containsExactly("echo", "fs", "stripe");
    }

    @Test
    void disableRemovesTheEntryWithItsSettingsButKeepsTheNextSectionsComment() throws IOException {
        Path file = rigYaml(TEMPLATE);

        RigYamlEditor.Edit edit = RigYamlEditor.disable(file, "fs");

        assertThat(edit).isEqualTo(new RigYamlEditor.Edit(true, "removed fs from rig.yaml"));
        assertThat(TEMPLATE).contains(FS_ENTRY);
        assertThat(read()).isEqualTo(TEMPLATE.replace(FS_ENTRY, ""))
                .contains("  echo: {}                 # echo: answers with its input; for smoke tests\n"
                        + "\n# Where the RGP HTTP API listens. 127.0.0.1 keeps it on this machine.\nserver:\n");
        assertThat(packs()).containsExactly("echo");
        assertThat(ConfigLoader.load(dir).server().port()).isEqualTo(8787);
    }

    @Test
    void disableTakesTheCommentsInsideAnEntryButNotThoseOfTheNextEntry() throws IOException {
        Path file = rigYaml("""
                packs:
                  echo: {}
                  fs:
                    root: ./workspace
                    # max_bytes: 1000

                # a stray comment inside fs's settings
                    read_only: true
                    # more about fs
                  # git: the next entry's own comment
                  git: {}
                """);

        RigYamlEditor.disable(file, "fs");

        assertThat(read()).isEqualTo("""
                packs:
                  echo: {}
                  # git: the next entry's own comment
                  git: {}
                """);
    }

    static Stream<Arguments> blockSections() {
        return Stream.of(
                Arguments.of("block mapping at indent 4", """
                        packs:    # enabled packs
                            echo: {}
                            "fs":
                              root: ./w
                        server:
                          port: 8787
                        """, """
                        packs:    # enabled packs
                            echo: {}
                            "fs":
                              root: ./w
                            stripe: {}
                        server:
                          port: 8787
                        """, """
                        packs:    # enabled packs
                            echo: {}
                        server:
                          port: 8787
                        """),
                Arguments.of("block list", """
                        packs:
                          - echo   # smoke tests
                          - fs

                        # the server
                        server:
                          port: 8787
                        """, """
                        packs:
                          - echo   # smoke tests
                          - fs
                          - stripe

                        # the server
                        server:
                          port: 8787
                        """, """
                        packs:
                          - echo   # smoke tests

                        # the server
                        server:
                          port: 8787
                        """),
                Arguments.of("block list at column 0", """
                        packs:
                        - echo
                        - 'fs'
                        server:
                          port: 8787
                        """, """
                        packs:
                        - echo
                        - 'fs'
                        - stripe
                        server:
                          port: 8787
                        """, """
                        packs:
                        - echo
                        server:
                          port: 8787
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blockSections")
    void blockSectionsGainAndLoseOneLine(String shape, String original, String enabled, String disabled)
            throws IOException {
        Path file = rigYaml(original);
        RigYamlEditor.enable(file, "stripe");
        assertThat(read()).isEqualTo(enabled);
        assertThat(packs()).containsExactly("echo", "fs", "stripe");

        rigYaml(original);
        RigYamlEditor.disable(file, "fs");
        assertThat(read()).isEqualTo(disabled);
        assertThat(packs()).containsExactly("echo");
    }

    static Stream<Arguments> flowLines() {
        return Stream.of(
                Arguments.of("packs: {echo: {}}   # smoke only", "enable", "packs: {echo: {}, stripe: {}}   # smoke only"),
                Arguments.of("packs: { echo: {} }", "enable", "packs: { echo: {}, stripe: {} }"),
                Arguments.of("packs: {}", "enable", "packs: {stripe: {}}"),
                Arguments.of("packs: [echo]  # list", "enable", "packs: [echo, stripe]  # list"),
                Arguments.of("packs: []", "enable", "packs: [stripe]"),
                Arguments.of("packs: {echo: {}, fs: {root: './a, b'}, git: {}}", "disable fs", "packs: {echo: {}, git: {}}"),
                Arguments.of("packs: {fs: {root: ./w}, echo: {}}", "disable fs", "packs: {echo: {}}"),
                Arguments.of("packs: {echo: {}, \"fs\": {root: ./w}}  # note", "disable fs", "packs: {echo: {}}  # note"),
                Arguments.of("packs: {fs}", "disable fs", "packs: {}"),
                Arguments.of("packs: [echo, 'fs', git]", "disable fs", "packs: [echo, git]"),
                Arguments.of("packs: [ fs ]", "disable fs", "packs: []"));
    }

    @ParameterizedTest(name = "{0} | {1}")
    @MethodSource("flowLines")
    void flowCollectionsOnOneLineAreRewrittenInPlace(String line, String action, String expected) throws IOException {
        String around = "# the packs\n%s\n# the server\nserver: {port: 8787}\n";
        Path file = rigYaml(around.formatted(line));

        RigYamlEditor.Edit edit = action.equals("enable") ? RigYamlEditor.enable(file, "stripe")
                : RigYamlEditor.disable(file, "fs");

        assertThat(edit.changed()).isTrue();
        assertThat(read()).isEqualTo(around.formatted(expected));
    }

    @Test
    void removingTheLastEntryLeavesAnEmptySectionNotAnAbsentOne() throws IOException {
        Path file = rigYaml("packs:   # mine\n  fs:\n    root: ./w\nserver:\n  port: 8787\n");
        RigYamlEditor.disable(file, "fs");
        assertThat(read()).isEqualTo("packs: {}   # mine\nserver:\n  port: 8787\n");
        assertThat(ConfigLoader.load(dir).packs()).isEqualTo(Map.of());

        rigYaml("packs:\n  - fs\n");
        RigYamlEditor.disable(file, "fs");
        assertThat(read()).isEqualTo("packs: []\n");
        assertThat(ConfigLoader.load(dir).packs()).isEqualTo(Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "packs: {}\n",
            "packs: {echo: {}}   # c\n",
            "packs: [echo]\n",
            "pack_set_version: dev\npacks:\n  echo: {}\n  fs:\n    root: ./w",
            "packs:\n- echo\n- fs\n\n# trailing comment\n"})
    void enableThenDisableGivesBackTheOriginalBytes(String original) throws IOException {
        Path file = rigYaml(original);
        RigYamlEditor.enable(file, "stripe");
        assertThat(read()).isNotEqualTo(original).contains("stripe");

        RigYamlEditor.disable(file, "stripe");

        assertThat(read()).isEqualTo(original);
    }

    @Test
    void theTemplateSurvivesEnableThenDisable() throws IOException {
        Path file = rigYaml(TEMPLATE);
        RigYamlEditor.enable(file, "stripe");
        RigYamlEditor.disable(file, "stripe");
        assertThat(read()).isEqualTo(TEMPLATE);
    }

    @Test
    void aFileWithCrlfLineBreaksKeepsThem() throws IOException {
        String crlf = TEMPLATE.replace("\n", "\r\n");
        Path file = rigYaml(crlf);

        RigYamlEditor.enable(file, "stripe");
        String enabled = read();
        RigYamlEditor.disable(file, "fs");

        assertThat(enabled).isEqualTo(crlf.replace(AFTER_FS.replace("\n", "\r\n"),
                AFTER_FS.replace("\n", "\r\n") + "  stripe: {}\r\n"));
        assertThat(read()).isEqualTo(enabled.replace(FS_ENTRY.replace("\n", "\r\n"), ""))
                .doesNotContainPattern("[^\r]\n");
        assertThat(packs()).containsExactly("echo", "stripe");
    }

    @Test
    void aLastLineWithoutLineBreakGetsOneOnlyBeforeTheNewLine() throws IOException {
        Path file = rigYaml("packs:\r\n  echo: {}");
        RigYamlEditor.enable(file, "stripe");
        assertThat(read()).isEqualTo("packs:\r\n  echo: {}\r\n  stripe: {}");
    }

    @Test
    void enablingAnEnabledPackOrDisablingAnUnlistedOneChangesNothing() throws IOException {
        Path file = rigYaml(TEMPLATE);

        assertThat(RigYamlEditor.enable(file, "fs"))
                .isEqualTo(new RigYamlEditor.Edit(false, "fs is already enabled in rig.yaml"));
        assertThat(RigYamlEditor.disable(file, "stripe"))
                .isEqualTo(new RigYamlEditor.Edit(false, "rig.yaml does not list stripe under packs:"));
        assertThat(RigYamlEditor.enable(file, "stripe").changed()).isTrue();
        String once = read();
        assertThat(RigYamlEditor.enable(file, "stripe").changed()).isFalse();
        assertThat(read()).isEqualTo(once);
        assertThat(RigYamlEditor.disable(file, "stripe").changed()).isTrue();
        assertThat(RigYamlEditor.disable(file, "stripe").changed()).isFalse();
        assertThat(read()).isEqualTo(TEMPLATE);
    }

    @Test
    void withoutAPacksKeyEveryPackIsEnabledAndNothingChanges() throws IOException {
        String packsSection = """
                # The packs to enable, each with its settings. Without this key every pack found is enabled.
                packs:
                  echo: {}                 # echo: answers with its input; for smoke tests
                """ + FS_ENTRY + "\n";
        assertThat(TEMPLATE).contains(packsSection);
        String noPacks = TEMPLATE.replace(packsSection, "");
        Path file = rigYaml(noPacks);

        assertThat(RigYamlEditor.enable(file, "stripe"))
                .isEqualTo(new RigYamlEditor.Edit(false, "rig.yaml enables every installed pack (no packs: key)"));
        assertThat(RigYamlEditor.disable(file, "echo").changed()).isFalse();
        assertThat(read()).isEqualTo(noPacks);

        rigYaml("packs:   # nothing here\nserver:\n  port: 8787\n");
        assertThat(RigYamlEditor.enable(file, "stripe")).isEqualTo(
                new RigYamlEditor.Edit(false, "rig.yaml enables every installed pack (its packs: key is empty)"));
        assertThat(read()).isEqualTo("packs:   # nothing here\nserver:\n  port: 8787\n");
    }

    @Test
    void aMissingFileSaysToRunRigInit() {
        Path file = dir.resolve("rig.yaml");

        RigException e = catchThrowableOfType(RigException.class, () -> RigYamlEditor.enable(file, "echo"));

        assertThat(e.type()).isEqualTo(ErrorType.NOT_FOUND);
        assertThat(e.getMessage()).isEqualTo("no rig.yaml at " + file.toAbsolutePath());
        assertThat(e.hints()).singleElement().asString().contains("run `rig init`");
        assertThat(file).doesNotExist();
    }

    @Test
    void aMalformedFileFailsAsConfigLoaderDoesAndIsLeftAlone() throws IOException {
        String broken = "packs:\n  echo: {}\nserver: [port: 8787\n";
        Path file = rigYaml(broken);
        RigException loader = catchThrowableOfType(RigException.class, () -> ConfigLoader.load(dir));

        assertThatThrownBy(() -> RigYamlEditor.enable(file, "stripe"))
                .isInstanceOf(RigException.class).hasMessage(loader.getMessage()).hasMessageContaining("rig.yaml:");
        assertThatThrownBy(() -> RigYamlEditor.disable(file, "echo")).hasMessage(loader.getMessage());
        assertThat(read()).isEqualTo(broken);
    }

    static Stream<Arguments> shapesRefused() {
        return Stream.of(
                Arguments.of("an anchor", "policy:\n  retries: 1\npacks: &mine\n  echo: {}\n", "enable",
                        "rig.yaml:3:", "not as a mapping or list of pack ids",
                        "add `stripe: {}` under packs: (or `- stripe` if packs is a list)"),
                Arguments.of("a tag", "policy:\n  retries: 1\npacks: !!map {echo: {}}\n", "enable",
                        "rig.yaml:3:", "packs: is written as `!!map {echo: {}}`",
                        "add `stripe: {}` under packs:"),
                Arguments.of("a flow mapping over two lines", "packs: {echo: {},\n  fs: {}}\n", "enable",
                        "rig.yaml:1:", "does not close on its own line",
                        "add `stripe: {}` inside the braces of packs: (line 1)"),
                Arguments.of("a flow list over two lines", "packs: [echo,  # smoke\n  fs]\n", "disable",
                        "rig.yaml:1:", "does not close on its own line",
                        "remove `fs` from packs: (line 1)"),
                Arguments.of("a second packs key, which wins", "packs:\n  echo: {}\nserver:\n  port: 8787\n"
                        + "packs:\n  fs: {}\n", "enable", "rig.yaml:1:",
                        "would not load as the same configuration with stripe added",
                        "add the line `  stripe: {}` at the end of the packs: section"),
                Arguments.of("an entry written as an explicit key", "packs:\n  ? fs\n  : {root: ./w}\n", "disable",
                        "rig.yaml:1:", "cannot find the line that enables fs",
                        "remove fs and its settings from packs:"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapesRefused")
    void aShapeThatCannotBeProvedIsRefusedAndLeftAlone(String shape, String text, String action, String where,
            String reason, String byHand) throws IOException {
        Path file = rigYaml(text);

        RigException e = catchThrowableOfType(RigException.class, () -> {
            if (action.equals("enable")) {
                RigYamlEditor.enable(file, "stripe");
            } else {
                RigYamlEditor.disable(file, "fs");
            }
        });

        assertThat(e.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getMessage()).startsWith(where).contains("the packs: section has a shape RIG cannot edit safely").contains(reason)
                .endsWith("rig.yaml is unchanged");
        assertThat(e.hints()).singleElement().asString().startsWith(byHand).endsWith(" in " + file + " by hand");
        assertThat(read()).isEqualTo(text);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aRemovalThatRemovesTheLastLineKeepsTheFileWithoutATrailingBreak() throws IOException {
        Path file = rigYaml("packs:\n  echo: {}\n  fs:\n    root: ./w");
        RigYamlEditor.disable(file, "fs");
        assertThat(read()).isEqualTo("packs:\n  echo: {}");
    }

    @Test
    void theEditReplacesTheFileAndKeepsItsPermissions() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path file = rigYaml(TEMPLATE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        RigYamlEditor.enable(file, "stripe");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Stripe", "-x", "a b", "fs.read", ""})
    void aPackIdThatCannotBeOneIsRejected(String id) throws IOException {
        Path file = rigYaml(TEMPLATE);
        assertThatThrownBy(() -> RigYamlEditor.enable(file, id)).isInstanceOf(RigException.class)
                .hasMessage("not a pack id: '" + id + "'");
        assertThat(read()).isEqualTo(TEMPLATE);
    }

    @Test
    void theConfigurationOutsidePacksIsTheSameAfterAnEdit() throws IOException {
        Path file = rigYaml(TEMPLATE);
        RigConfig before = ConfigLoader.load(dir);

        RigYamlEditor.enable(file, "stripe");

        RigConfig after = ConfigLoader.load(dir);
        assertThat(after).usingRecursiveComparison().ignoringFields("packs")
                .isEqualTo(before);
        assertThat(after.packs()).containsEntry("fs", Map.of("root", "./workspace")).containsEntry("stripe", Map.of());
    }

    @Test
    void verificationNoticesAChangeOutsidePacksOrInTheirOrder() throws IOException {
        RigConfig before = ConfigLoader.load(rigYaml(TEMPLATE).getParent());
        Map<String, Map<String, Object>> withStripe = new LinkedHashMap<>(before.packs());
        withStripe.put("stripe", Map.of());
        String enabled = TEMPLATE.replace(AFTER_FS, AFTER_FS + "  stripe: {}\n");

        RigConfig same = ConfigLoader.load(dir, Files.writeString(dir.resolve("same.yaml"), enabled));
        RigConfig otherPort = ConfigLoader.load(dir, Files.writeString(dir.resolve("port.yaml"),
                enabled.replace("port: 8787", "port: 9999")));
        RigConfig otherOrder = ConfigLoader.load(dir, Files.writeString(dir.resolve("order.yaml"),
                TEMPLATE.replace("packs:\n", "packs:\n  stripe: {}\n")));

        assertThat(RigYamlEditor.sameExceptPacks(before, same, withStripe)).isTrue();
        assertThat(RigYamlEditor.sameExceptPacks(before, otherPort, withStripe)).isFalse();
        assertThat(RigYamlEditor.sameExceptPacks(before, otherOrder, withStripe)).isFalse();
        assertThat(RigYamlEditor.sameExceptPacks(before, before, withStripe)).isFalse();
    }
}
