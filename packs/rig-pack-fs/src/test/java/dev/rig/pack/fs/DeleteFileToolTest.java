package dev.rig.pack.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code fs.delete_file} on real files. */
class DeleteFileToolTest {

    private static final String TOOL = "fs.delete_file";

    @TempDir
    Path workingDirectory;

    private InstalledFsPack fs;
    private Path root;

    @BeforeEach
    void install() throws Exception {
        fs = new InstalledFsPack(workingDirectory);
        root = Files.createDirectories(fs.root());
    }

    @Test
    void deletesAFile() throws Exception {
        Files.createDirectory(root.resolve("notes"));
        Files.writeString(root.resolve("notes/a.txt"), "x");

        assertThat(fs.call(TOOL, Map.of("path", "notes/a.txt"))).isEqualTo(Map.of("path", "notes/a.txt", "deleted", true));
        assertThat(root.resolve("notes/a.txt")).doesNotExist();
        assertThat(root.resolve("notes")).isDirectory();
    }

    @Test
    void reportsAMissingFileAsNotFound() throws Exception {
        Files.writeString(root.resolve("a.txt"), "x");
        fs.call(TOOL, Map.of("path", "a.txt"));

        ToolException failure = fs.failure(TOOL, Map.of("path", "a.txt"));

        assertThat(failure.type()).isEqualTo(ErrorType.NOT_FOUND);
        assertThat(failure).hasMessageContaining("'a.txt'");
    }

    @Test
    void refusesADirectory() throws Exception {
        Files.createDirectory(root.resolve("dir"));

        assertThat(fs.failure(TOOL, Map.of("path", "dir")).type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(root.resolve("dir")).isDirectory();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "./", "dir/..", "dir/../."})
    void refusesTheRoot(String path) throws Exception {
        Files.createDirectory(root.resolve("dir"));

        ToolException failure = fs.failure(TOOL, Map.of("path", path));

        assertThat(failure.type()).isEqualTo(ErrorType.PERMISSION_ERROR);
        assertThat(failure).hasMessageContaining("root");
        assertThat(root).isDirectory();
    }

    @Test
    void deletesALinkNotWhatItLeadsTo() throws Exception {
        Files.writeString(root.resolve("target.txt"), "kept");
        Files.createSymbolicLink(root.resolve("link.txt"), Path.of("target.txt"));

        fs.call(TOOL, Map.of("path", "link.txt"));

        assertThat(root.resolve("link.txt")).doesNotExist();
        assertThat(root.resolve("target.txt")).hasContent("kept");
    }
}
