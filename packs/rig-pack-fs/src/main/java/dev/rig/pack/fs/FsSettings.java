package dev.rig.pack.fs;

import dev.rig.spi.PackEnvironment;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code packs.fs} settings: the sandbox root (absolute) and the largest file the pack reads or
 * writes.
 */
record FsSettings(Path root, long maxFileBytes) {

    static final String DEFAULT_ROOT = "./workspace";
    static final long DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

    FsSettings {
        Objects.requireNonNull(root, "root");
        if (!root.isAbsolute()) {
            throw new IllegalArgumentException("root must be absolute, got " + root);
        }
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("max_file_bytes must be at least 1, got " + maxFileBytes);
        }
    }

    /** Reads the settings; {@code root} is relative to the working directory. */
    static FsSettings from(PackEnvironment environment) {
        String root = environment.setting("root", DEFAULT_ROOT);
        Path resolved;
        try {
            resolved = environment.workingDirectory().resolve(root).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("root is not a valid path: " + e.getReason(), e);
        }
        return new FsSettings(resolved, maxFileBytes(environment.settings().get("max_file_bytes")));
    }

    private static long maxFileBytes(Object value) {
        if (value == null) {
            return DEFAULT_MAX_FILE_BYTES;
        }
        try {
            long parsed = value instanceof Number number
                    ? new java.math.BigDecimal(number.toString()).longValueExact()
                    : Long.parseLong(value.toString().trim());
            if (parsed < 1) {
                throw new IllegalArgumentException("max_file_bytes must be a positive integer, got " + value);
            }
            return parsed;
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("max_file_bytes must be a positive integer, got " + value, e);
        }
    }
}
