package dev.rig.pack.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rig.spi.ErrorType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fs.write_file} on a real directory, with a cap of 16 bytes. */
class WriteFileToolTest {

    private static final String TOOL = "fs.write_file";

    @TempDir
    Path workingDirectory;

    private InstalledFsPack fs;
    private Path root;

    @BeforeEach
    void install() {
        fs = new InstalledFsPack(workingDirectory, Map.of("max_file_bytes", 16));
        root = fs.root();
    }

    @Test
    void createsAFileAndItsParentDirectories() throws Exception {
        Map<String, Object> output = fs.call(TOOL, Map.of("path", "notes/2026/todo.txt", "content", "café\n"));

        assertThat(output).isEqualTo(Map.of("path", "notes/2026/todo.txt", "bytes_written", 6L, "created", true));
        assertThat(root.resolve("notes/2026/todo.txt")).hasContent("café\n");
    }

    @Test
    void replacesAnExistingFile() throws Exception {
        fs.call(TOOL, Map.of("path", "a.txt", "content", "first version"));

        Map<String, Object> output = fs.call(TOOL, Map.of("path", "a.txt", "content", "second"));

        assertThat(output).isEqualTo(Map.of("path", "a.txt", "bytes_written", 6L, "created", false));
        assertThat(root.resolve("a.txt")).hasContent("second");
    }

    @Test
    void givesTheSameResultWhenRepeated() throws Exception {
        fs.call(TOOL, Map.of("path", "a.txt", "content", "same"));

        Map<String, Object> first = fs.call(TOOL, Map.of("path", "a.txt", "content", "same"));
        Map<String, Object> second = fs.call(TOOL, Map.of("path", "a.txt", "content", "same"));

        assertThat(second).isEqualTo(first);
        assertThat(root.resolve("a.txt")).hasContent("same");
    }

    @Test
    void writesAnEmptyFile() throws Exception {
        assertThat(fs.call(TOOL, Map.of("path", "empty.txt", "content", ""))).containsEntry("bytes_written", 0L);
        assertThat(root.resolve("empty.txt")).isEmptyFile();
    }

    @Test
    void leavesNoTemporaryFileBehind() throws Exception {
        fs.call(TOOL, Map.of("path", "a.txt", "content", "one"));
        fs.call(TOOL, Map.of("path", "a.txt", "content", "two"));

        try (Stream<Path> files = Files.list(root)) {
            assertThat(files).containsExactly(root.resolve("a.txt"));
        }
    }

    @Test
    void keepsThePermissionsOfAReplacedFile() throws Exception {
        fs.call(TOOL, Map.of("path", "run.sh", "content", "echo 1"));
        Files.setPosixFilePermissions(root.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-x---"));

        fs.call(TOOL, Map.of("path", "run.sh", "content", "echo 2"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("run.sh"))))
                .isEqualTo("rwxr-x---");
    }

    @Test
    void refusesContentOverTheCap() throws Exception {
        assertThat(fs.failure(TOOL, Map.of("path", "big.txt", "content", "x".repeat(17))))
                .hasMessageContaining("limit of 16 bytes")
                .extracting(failure -> failure.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(root.resolve("big.txt")).doesNotExist();
        assertThat(fs.call(TOOL, Map.of("path", "max.txt", "content", "x".repeat(16))))
                .containsEntry("bytes_written", 16L);
    }

    @Test
    void refusesADirectoryOrTheRoot() throws Exception {
        Files.createDirectories(root.resolve("dir"));

        assertThat(fs.failure(TOOL, Map.of("path", "dir", "content", "x")).type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(fs.failure(TOOL, Map.of("path", "", "content", "x")).type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(root.resolve("dir")).isDirectory();
    }

    @Test
    void refusesAPathUnderAFile() throws Exception {
        fs.call(TOOL, Map.of("path", "a.txt", "content", "x"));

        assertThat(fs.failure(TOOL, Map.of("path", "a.txt/b.txt", "content", "y")))
                .hasMessageContaining("'a.txt/b.txt'")
                .extracting(failure -> failure.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
    }

    @Test
    void refusesContentThatIsNotAString() {
        assertThat(fs.failure(TOOL, Map.of("path", "a.txt", "content", 12)).type())
                .isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(fs.failure(TOOL, Map.of("path", "a.txt")).type()).isEqualTo(ErrorType.VALIDATION_ERROR);
    }

    @Test
    void writesThroughALinkThatStaysInsideTheRoot() throws Exception {
        fs.call(TOOL, Map.of("path", "real/a.txt", "content", "old"));
        Files.createSymbolicLink(root.resolve("alias"), Path.of("real"));

        assertThat(fs.call(TOOL, Map.of("path", "alias/a.txt", "content", "new")))
                .containsEntry("path", "alias/a.txt").containsEntry("created", false);
        assertThat(root.resolve("real/a.txt")).hasContent("new");
        assertThat(root.resolve("alias")).isSymbolicLink();
    }
}
