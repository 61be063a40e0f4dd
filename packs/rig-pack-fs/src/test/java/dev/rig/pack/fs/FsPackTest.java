package dev.rig.pack.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rig.spi.Pack;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolDef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fs pack: discovery, tool definitions and settings. */
class FsPackTest {

    @TempDir
    Path workingDirectory;

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(Pack.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(FsPack.class);
    }

    @Test
    void describesItself() {
        Pack pack = new FsPack();
        assertThat(pack.id()).isEqualTo("fs");
        assertThat(pack.version()).isEqualTo("0.1.0");
        assertThat(pack.description()).isNotBlank();
    }

    @Test
    void definesFourToolsWithTheirRiskAndIdempotency() {
        List<ToolDef> definitions = tools(Map.of()).stream().map(Tool::definition).toList();

        assertThat(definitions).extracting(ToolDef::name, ToolDef::riskClass, ToolDef::idempotent)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("fs.list_directory", RiskClass.READ, true),
                        org.assertj.core.groups.Tuple.tuple("fs.read_file", RiskClass.READ, true),
                        org.assertj.core.groups.Tuple.tuple("fs.write_file", RiskClass.WRITE, true),
                        org.assertj.core.groups.Tuple.tuple("fs.delete_file", RiskClass.DESTRUCTIVE, false));
    }

    @Test
    void everyToolNeedsNoSecretHasAClosedInputAndAnExample() {
        assertThat(tools(Map.of())).map(Tool::definition).allSatisfy(definition -> {
            assertThat(definition.authSlots()).isEmpty();
            assertThat(definition.inputSchema()).contains("\"required\": [\"path\"", "\"additionalProperties\": false");
            assertThat(definition.outputSchema()).contains("\"additionalProperties\": false");
            assertThat(definition.examples()).isNotEmpty();
            assertThat(definition.description()).isNotBlank();
        });
    }

    @Test
    void createsTheDefaultRootInTheWorkingDirectoryWhenAToolRuns() throws Exception {
        InstalledFsPack fs = new InstalledFsPack(workingDirectory);
        assertThat(fs.root()).doesNotExist();

        assertThat(fs.call("fs.list_directory", Map.of("path", ""))).containsEntry("entries", List.of());

        assertThat(fs.root()).isDirectory();
    }

    @Test
    void takesTheRootFromSettingsRelativeToTheWorkingDirectory() throws Exception {
        InstalledFsPack fs = new InstalledFsPack(workingDirectory, Map.of("root", "data/files"));

        fs.call("fs.write_file", Map.of("path", "a.txt", "content", "x"));

        assertThat(workingDirectory.resolve("data/files/a.txt")).hasContent("x");
    }

    @Test
    void acceptsAnAbsoluteRoot() throws Exception {
        Path elsewhere = Files.createDirectories(workingDirectory.resolve("elsewhere"));
        InstalledFsPack fs = new InstalledFsPack(workingDirectory.resolve("cwd"),
                Map.of("root", elsewhere.toString()));

        fs.call("fs.write_file", Map.of("path", "a.txt", "content", "x"));

        assertThat(elsewhere.resolve("a.txt")).hasContent("x");
    }

    @Test
    void readsMaxFileBytesFromANumberOrAString() throws Exception {
        for (Object limit : List.of(3, 3L, "3")) {
            InstalledFsPack fs = new InstalledFsPack(workingDirectory, Map.of("max_file_bytes", limit));
            assertThat(fs.failure("fs.write_file", Map.of("path", "a.txt", "content", "four")))
                    .hasMessageContaining("limit of 3 bytes");
        }
    }

    @Test
    void refusesAnInvalidMaxFileBytesNamingTheKey() {
        for (Object limit : List.of(0, -1, "lots", 1.5)) {
            assertThatThrownBy(() -> tools(Map.of("max_file_bytes", limit)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("max_file_bytes");
        }
    }

    @Test
    void refusesAnInvalidRootNamingTheKey() {
        assertThatThrownBy(() -> tools(Map.of("root", "bad\0root")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("root");
    }

    @Test
    void reportsAnInternalErrorWhenTheRootIsAFile() throws Exception {
        Files.writeString(workingDirectory.resolve("workspace"), "not a directory");
        InstalledFsPack fs = new InstalledFsPack(workingDirectory);

        assertThat(fs.failure("fs.list_directory", Map.of("path", ".")).type())
                .isEqualTo(dev.rig.spi.ErrorType.INTERNAL_ERROR);
    }

    private List<Tool> tools(Map<String, Object> settings) {
        return new FsPack().tools(new PackEnvironment(settings, workingDirectory));
    }
}
