package dev.rig.pack.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rig.spi.ErrorType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code fs.list_directory} on a real directory. */
class ListDirectoryToolTest {

    private static final String TOOL = "fs.list_directory";

    @TempDir
    Path workingDirectory;

    private InstalledFsPack fs;
    private Path root;

    @BeforeEach
    void install() throws Exception {
        fs = new InstalledFsPack(workingDirectory);
        root = Files.createDirectories(fs.root());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "./", "sub/.."})
    void listsTheRootSortedByName(String path) throws Exception {
        Files.writeString(root.resolve("b.txt"), "hello");
        Files.createDirectory(root.resolve("c"));
        Files.writeString(root.resolve("a.txt"), "");

        assertThat(fs.call(TOOL, Map.of("path", path))).isEqualTo(Map.of(
                "path", ".",
                "entries", List.of(
                        Map.of("name", "a.txt", "type", "file", "size", 0L),
                        Map.of("name", "b.txt", "type", "file", "size", 5L),
                        Map.of("name", "c", "type", "directory", "size", 0L))));
    }

    @Test
    void listsASubdirectoryNamingItWithSlashes() throws Exception {
        Files.createDirectories(root.resolve("x/y"));
        Files.writeString(root.resolve("x/y/z.txt"), "héllo");

        Map<String, Object> output = fs.call(TOOL, Map.of("path", "x//y/"));

        assertThat(output).containsEntry("path", "x/y")
                .containsEntry("entries", List.of(Map.of("name", "z.txt", "type", "file", "size", 6L)));
    }

    @Test
    void listsAnEmptyDirectory() throws Exception {
        Files.createDirectory(root.resolve("empty"));

        assertThat(fs.call(TOOL, Map.of("path", "empty"))).containsEntry("entries", List.of());
    }

    @Test
    void reportsAMissingDirectoryAsNotFound() {
        assertThat(fs.failure(TOOL, Map.of("path", "nowhere")))
                .hasMessageContaining("'nowhere'")
                .extracting(failure -> failure.type()).isEqualTo(ErrorType.NOT_FOUND);
    }

    @Test
    void refusesAFile() throws Exception {
        Files.writeString(root.resolve("a.txt"), "x");

        assertThat(fs.failure(TOOL, Map.of("path", "a.txt")).type()).isEqualTo(ErrorType.VALIDATION_ERROR);
    }

    @Test
    void showsLinksInsideTheRootAsWhatTheyLeadTo() throws Exception {
        Files.writeString(root.resolve("target.txt"), "abc");
        Files.createDirectory(root.resolve("dir"));
        Files.createSymbolicLink(root.resolve("file-link"), root.resolve("target.txt"));
        Files.createSymbolicLink(root.resolve("dir-link"), Path.of("dir"));

        assertThat(fs.call(TOOL, Map.of("path", "."))).containsEntry("entries", List.of(
                Map.of("name", "dir", "type", "directory", "size", 0L),
                Map.of("name", "dir-link", "type", "directory", "size", 0L),
                Map.of("name", "file-link", "type", "file", "size", 3L),
                Map.of("name", "target.txt", "type", "file", "size", 3L)));
    }

    @Test
    void hidesLinksThatLeadOutsideOrNowhere() throws Exception {
        Path outside = Files.writeString(workingDirectory.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("escape-dir"), workingDirectory);
        Files.createSymbolicLink(root.resolve("dangling"), root.resolve("missing"));
        Files.writeString(root.resolve("kept.txt"), "");

        assertThat(fs.call(TOOL, Map.of("path", ".")))
                .containsEntry("entries", List.of(Map.of("name", "kept.txt", "type", "file", "size", 0L)));
    }
}
