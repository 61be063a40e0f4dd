package dev.rig.pack.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way out of the root, tried with every tool: each is a permission_error naming the path. */
class SandboxEscapeTest {

    @TempDir
    Path workingDirectory;

    private InstalledFsPack fs;
    private Path root;
    private Path outside;

    @BeforeEach
    void install() throws Exception {
        fs = new InstalledFsPack(workingDirectory);
        root = Files.createDirectories(fs.root());
        outside = Files.createDirectories(workingDirectory.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.writeString(workingDirectory.resolve("x"), "sibling of the root");
        Files.createDirectory(root.resolve("a"));
        Files.createSymbolicLink(root.resolve("secret-link.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("out"), outside);
        Files.createSymbolicLink(root.resolve("a/up"), Path.of("../.."));
        Files.createSymbolicLink(root.resolve("dangling.txt"), outside.resolve("not-yet.txt"));
    }

    static Stream<Arguments> escapes() {
        Stream<String> paths = Stream.of(
                "../x",
                "a/../../x",
                "./../workspace/../x",
                "/etc/passwd",
                "secret-link.txt",
                "out/secret.txt",
                "out/new.txt",
                "out/deeper/new.txt",
                "a/up/x",
                "dangling.txt");
        return paths.flatMap(path -> Stream.of("fs.list_directory", "fs.read_file", "fs.write_file", "fs.delete_file")
                .map(tool -> Arguments.of(tool, path)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("escapes")
    void refusesAPathLeadingOutsideTheRoot(String tool, String path) {
        ToolException failure = fs.failure(tool, Map.of("path", path, "content", "overwritten"));

        assertThat(failure.type()).isEqualTo(ErrorType.PERMISSION_ERROR);
        assertThat(failure).hasMessageContaining("'" + path + "'").hasMessageContaining("outside the fs root");
        assertThat(failure.hints()).isNotEmpty();
        assertThat(failure.getMessage()).doesNotContain(workingDirectory.toString());
    }

    @Test
    void leavesEverythingOutsideUntouched() throws Exception {
        for (String path : new String[] {"secret-link.txt", "out/secret.txt", "out/new.txt", "dangling.txt", "../x"}) {
            fs.failure("fs.write_file", Map.of("path", path, "content", "overwritten"));
            fs.failure("fs.delete_file", Map.of("path", path));
        }

        assertThat(outside.resolve("secret.txt")).hasContent("secret");
        assertThat(workingDirectory.resolve("x")).hasContent("sibling of the root");
        assertThat(outside.resolve("new.txt")).doesNotExist();
        assertThat(outside.resolve("not-yet.txt")).doesNotExist();
        assertThat(root.resolve("secret-link.txt")).isSymbolicLink();
        assertThat(Files.exists(root.resolve("dangling.txt"), LinkOption.NOFOLLOW_LINKS)).isTrue();
        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files).containsExactly(outside.resolve("secret.txt"));
        }
    }

    @Test
    void refusesALinkToAnAncestorOfTheRoot() throws Exception {
        ToolException failure = fs.failure("fs.list_directory", Map.of("path", "a/up"));

        assertThat(failure.type()).isEqualTo(ErrorType.PERMISSION_ERROR);
    }

    @Test
    void allowsDotDotThatStaysInside() throws Exception {
        Files.writeString(root.resolve("a/inside.txt"), "ok");

        assertThat(fs.call("fs.read_file", Map.of("path", "a/../a/./inside.txt")))
                .containsEntry("path", "a/inside.txt").containsEntry("content", "ok");
    }

    @Test
    void followsALinkIntoTheRootFromARootThatIsItselfALink() throws Exception {
        Path linkedRoot = Files.createSymbolicLink(workingDirectory.resolve("linked-root"), root);
        InstalledFsPack viaLink = new InstalledFsPack(workingDirectory, Map.of("root", linkedRoot.toString()));

        assertThat(viaLink.call("fs.write_file", Map.of("path", "a/b.txt", "content", "ok")))
                .containsEntry("created", true);
        assertThat(root.resolve("a/b.txt")).hasContent("ok");
        assertThat(viaLink.failure("fs.read_file", Map.of("path", "out/secret.txt")).type())
                .isEqualTo(ErrorType.PERMISSION_ERROR);
    }
}
