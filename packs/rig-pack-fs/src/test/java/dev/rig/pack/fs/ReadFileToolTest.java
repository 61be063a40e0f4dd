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

/** {@code fs.read_file} on real files, with a cap of 8 bytes. */
class ReadFileToolTest {

    private static final String TOOL = "fs.read_file";

    @TempDir
    Path workingDirectory;

    private InstalledFsPack fs;
    private Path root;

    @BeforeEach
    void install() throws Exception {
        fs = new InstalledFsPack(workingDirectory, Map.of("max_file_bytes", 8));
        root = Files.createDirectories(fs.root());
    }

    @Test
    void readsUtf8TextWithItsSizeInBytes() throws Exception {
        Files.createDirectory(root.resolve("notes"));
        Files.writeString(root.resolve("notes/a.txt"), "héllo\n");

        assertThat(fs.call(TOOL, Map.of("path", "notes/../notes/a.txt")))
                .isEqualTo(Map.of("path", "notes/a.txt", "content", "héllo\n", "size", 7L));
    }

    @Test
    void readsAnEmptyFile() throws Exception {
        Files.writeString(root.resolve("empty.txt"), "");

        assertThat(fs.call(TOOL, Map.of("path", "empty.txt"))).containsEntry("content", "").containsEntry("size", 0L);
    }

    @Test
    void readsAFileOfExactlyTheCap() throws Exception {
        Files.writeString(root.resolve("eight.txt"), "12345678");

        assertThat(fs.call(TOOL, Map.of("path", "eight.txt"))).containsEntry("size", 8L);
    }

    @Test
    void refusesAFileOverTheCap() throws Exception {
        Files.writeString(root.resolve("nine.txt"), "123456789");

        ToolException failure = fs.failure(TOOL, Map.of("path", "nine.txt"));

        assertThat(failure.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(failure).hasMessageContaining("'nine.txt'").hasMessageContaining("limit of 8 bytes");
        assertThat(failure.hints()).anyMatch(hint -> hint.contains("max_file_bytes"));
    }

    @Test
    void refusesTheDefaultCapOfOneMebibytePlusOne() throws Exception {
        InstalledFsPack defaults = new InstalledFsPack(workingDirectory);
        Files.write(root.resolve("big.txt"), "a".repeat(1024 * 1024 + 1).getBytes());
        Files.write(root.resolve("max.txt"), "a".repeat(1024 * 1024).getBytes());

        assertThat(defaults.failure(TOOL, Map.of("path", "big.txt"))).hasMessageContaining("1048576");
        assertThat(defaults.call(TOOL, Map.of("path", "max.txt"))).containsEntry("size", 1048576L);
    }

    @Test
    void refusesABinaryFile() throws Exception {
        Files.write(root.resolve("image.bin"), new byte[] {'P', 'N', 'G', 0, 1});

        ToolException failure = fs.failure(TOOL, Map.of("path", "image.bin"));

        assertThat(failure.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(failure).hasMessageContaining("binary");
    }

    @Test
    void refusesAFileThatIsNotUtf8() throws Exception {
        Files.write(root.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9});

        ToolException failure = fs.failure(TOOL, Map.of("path", "latin1.txt"));

        assertThat(failure.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(failure).hasMessageContaining("not UTF-8");
    }

    @Test
    void reportsAMissingFileAsNotFound() {
        ToolException failure = fs.failure(TOOL, Map.of("path", "missing/a.txt"));

        assertThat(failure.type()).isEqualTo(ErrorType.NOT_FOUND);
        assertThat(failure).hasMessageContaining("'missing/a.txt'");
    }

    @Test
    void refusesADirectory() throws Exception {
        Files.createDirectory(root.resolve("dir"));

        assertThat(fs.failure(TOOL, Map.of("path", "dir")).type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(fs.failure(TOOL, Map.of("path", ".")).type()).isEqualTo(ErrorType.VALIDATION_ERROR);
    }

    @Test
    void followsALinkThatStaysInsideTheRoot() throws Exception {
        Files.writeString(root.resolve("target.txt"), "inside");
        Files.createSymbolicLink(root.resolve("link.txt"), Path.of("target.txt"));

        assertThat(fs.call(TOOL, Map.of("path", "link.txt")))
                .containsEntry("path", "link.txt").containsEntry("content", "inside");
    }

    @Test
    void refusesAPathThatIsNotAString() {
        assertThat(fs.failure(TOOL, Map.of("path", 7)).type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(fs.failure(TOOL, Map.of()).type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(fs.failure(TOOL, Map.of("path", "a\0b")).type()).isEqualTo(ErrorType.VALIDATION_ERROR);
    }
}
