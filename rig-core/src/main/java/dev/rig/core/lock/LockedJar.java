package dev.rig.core.lock;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One jar of an installed pack as {@code rig.lock} records it: its file name in the pack's
 * directory, the Maven coordinates it was resolved as, its size and the sha256 of its bytes.
 */
public record LockedJar(String file, String coordinates, long size, String sha256) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public LockedJar {
        Objects.requireNonNull(file, "file");
        if (file.isBlank() || file.contains("/") || file.contains("\\") || !file.endsWith(".jar")) {
            throw new IllegalArgumentException("file: must be a jar file name without a directory, got '" + file + "'");
        }
        Objects.requireNonNull(coordinates, "coordinates");
        if (size < 0) {
            throw new IllegalArgumentException("size: must not be negative");
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256: must be 64 lower-case hex digits");
        }
    }
}
