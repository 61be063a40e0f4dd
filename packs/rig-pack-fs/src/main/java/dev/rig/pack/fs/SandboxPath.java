package dev.rig.pack.fs;

import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * A caller's path checked by the {@link Sandbox}.
 *
 * <p>{@code display} is the path relative to the root with {@code /} separators ({@code .} for the
 * root), the only form shown to callers. {@code real} is where the path leads, every link followed;
 * {@code entry} is the directory entry the path names (the link itself when its last segment is a
 * link). {@code root} tells whether the path is the root itself.
 */
record SandboxPath(String display, Path real, Path entry, boolean root) {

    /** The failure to report when {@code action} ("read", "write", ...) on this path threw {@code e}. */
    ToolException failure(String action, IOException e) {
        ToolException.Builder failure;
        if (e instanceof NoSuchFileException) {
            failure = ToolException.builder(ErrorType.NOT_FOUND, "'" + display + "' does not exist")
                    .hint("list its directory with fs.list_directory");
        } else if (e instanceof AccessDeniedException) {
            failure = ToolException.builder(ErrorType.PERMISSION_ERROR,
                            "the gateway's operating-system user may not " + action + " '" + display + "'")
                    .hint("check the file's permissions");
        } else if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
            failure = ToolException.builder(ErrorType.VALIDATION_ERROR,
                            "cannot " + action + " '" + display + "': a parent of it is a file, not a directory")
                    .hint("choose a path whose parents are directories");
        } else {
            failure = ToolException.builder(ErrorType.INTERNAL_ERROR,
                    "cannot " + action + " '" + display + "': " + e.getClass().getSimpleName());
        }
        return failure.cause(e).build();
    }
}
