package dev.rig.pack.fs;

import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The directory the fs tools are confined to, and the one place that turns a caller's path into a
 * file-system path inside it.
 *
 * <p>A caller's path is relative to the root. It is first normalized lexically: an absolute path,
 * or one whose {@code ..} segments climb above the root, is refused. It is then walked one segment
 * at a time from the root's real path; every segment that exists and is a symbolic link is
 * replaced by its real path, which must still lie under the root's real path. So a link anywhere
 * in the path (a parent directory or the file itself) cannot lead outside, including for a file
 * that does not exist yet. A dangling link is refused: where it would lead cannot be checked.
 *
 * <p>The check and the later file operation are two steps: a process that can change links inside
 * the root between them can defeat it. The sandbox guards against agents' paths, not against other
 * local processes.
 */
final class Sandbox {

    private final Path root;

    /** A sandbox rooted at {@code root}, an absolute path; the directory is created on first use. */
    Sandbox(Path root) {
        this.root = root;
    }

    /**
     * Resolves the caller's {@code path} argument.
     *
     * @throws ToolException {@code validation_error} when the argument is not a string or not a path,
     *     {@code permission_error} when it leads outside the root
     */
    SandboxPath resolve(Object argument) throws ToolException {
        if (!(argument instanceof String text)) {
            throw ToolException.builder(ErrorType.VALIDATION_ERROR, "path must be a string")
                    .hint("pass a path relative to the fs root, such as \"notes/todo.txt\"; \"\" or \".\" is the root")
                    .build();
        }
        Path relative;
        try {
            relative = Path.of(text);
        } catch (InvalidPathException e) {
            throw ToolException.builder(ErrorType.VALIDATION_ERROR, "path '" + text + "' is not a valid path")
                    .hint("remove control characters such as NUL from the path")
                    .build();
        }
        if (relative.isAbsolute() || text.startsWith("/") || text.startsWith("\\")) {
            throw outside(text, "absolute paths are not allowed");
        }
        Path normal = relative.normalize();
        if (normal.startsWith("..")) {
            throw outside(text, "its '..' segments climb above the root");
        }
        Path realRoot = realRoot();
        Path real = realRoot;
        Path entry = realRoot;
        boolean missing = false;
        for (Path name : normal) {
            if (name.toString().isEmpty()) {
                continue;
            }
            entry = real.resolve(name);
            if (missing || !Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
                missing = true;
                real = entry;
            } else if (Files.isSymbolicLink(entry)) {
                real = followLink(text, entry, realRoot);
            } else {
                real = entry;
            }
        }
        boolean isRoot = normal.toString().isEmpty();
        String display = isRoot ? "." : normal.toString().replace(normal.getFileSystem().getSeparator(), "/");
        return new SandboxPath(display, real, entry, isRoot);
    }

    /** Whether {@code path}, once its links are followed, exists and lies inside the root. */
    boolean encloses(Path path) {
        try {
            return path.toRealPath().startsWith(realRoot());
        } catch (IOException | ToolException e) {
            return false;
        }
    }

    private Path followLink(String text, Path link, Path realRoot) throws ToolException {
        Path target;
        try {
            target = link.toRealPath();
        } catch (NoSuchFileException e) {
            throw outside(text, "it goes through a symbolic link whose target does not exist");
        } catch (IOException e) {
            throw outside(text, "it goes through a symbolic link that cannot be followed");
        }
        if (!target.startsWith(realRoot)) {
            throw outside(text, "it goes through a symbolic link that leads outside the root");
        }
        return target;
    }

    private Path realRoot() throws ToolException {
        try {
            Files.createDirectories(root);
            return root.toRealPath();
        } catch (IOException e) {
            throw ToolException.builder(ErrorType.INTERNAL_ERROR, "the fs root directory cannot be created or opened")
                    .hint("check packs.fs.root in rig.yaml: it must be a directory the gateway may write to")
                    .cause(e)
                    .build();
        }
    }

    private static ToolException outside(String text, String reason) {
        return ToolException.builder(ErrorType.PERMISSION_ERROR,
                        "path '" + text + "' is outside the fs root: " + reason)
                .hint("use a path relative to the fs root, such as \"notes/todo.txt\"; \"\" or \".\" is the root")
                .build();
    }
}
