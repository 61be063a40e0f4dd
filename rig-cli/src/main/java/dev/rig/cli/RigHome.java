package dev.rig.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The distribution directory {@code bin/rig} runs from ({@code -Drig.home}): its bundled pack
 * repository, its ready packs, and where {@code rig mcp --print-config} points clients.
 */
record RigHome(Path directory) {

    /** The distribution this CLI runs from; empty when run from classes without {@code rig.home}. */
    static Optional<RigHome> current() {
        String home = System.getProperty("rig.home");
        if (home == null || home.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new RigHome(Path.of(home).toAbsolutePath().normalize()));
    }

    /** {@code repository/}: a Maven repository holding the bundled packs and what a pack build needs. */
    Path repository() {
        return directory.resolve("repository");
    }

    /** {@code packs/}: echo and fs, ready to load in a directory without a workspace. */
    Path bundledPacks() {
        return directory.resolve("packs");
    }

    /** True when this looks like a distribution (it has a pack repository). */
    boolean exists() {
        return Files.isDirectory(repository());
    }
}
