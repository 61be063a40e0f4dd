package dev.rig.core.lock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks an installed pack's directory against its {@code rig.lock} entry: the same jar files, no
 * more, each with the locked size and sha256. Nothing of the pack is loaded before this passes.
 */
public final class PackIntegrity {

    private PackIntegrity() {}

    /** The directory pack {@code pack} is installed in under {@code packsDirectory}: {@code <id>/<version>}. */
    public static Path directory(Path packsDirectory, LockedPack pack) {
        return packsDirectory.resolve(pack.packId()).resolve(pack.version());
    }

    /**
     * What differs between {@code directory} and {@code pack}'s jars, one sentence per jar; empty when
     * everything matches.
     */
    public static List<String> check(Path directory, LockedPack pack) {
        if (!Files.isDirectory(directory)) {
            return List.of("directory " + directory + " is missing");
        }
        List<String> differences = new ArrayList<>();
        Set<String> present = new HashSet<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                present.add(file.getFileName().toString());
            }
        } catch (IOException e) {
            return List.of("directory " + directory + " cannot be listed: " + e.getMessage());
        }
        Set<String> locked = new HashSet<>();
        for (LockedJar jar : pack.jars()) {
            locked.add(jar.file());
            if (!present.contains(jar.file())) {
                differences.add("jar " + jar.file() + " is missing (rig.lock lists it as " + jar.coordinates() + ")");
            }
        }
        // Jars are hashed in parallel: one SDK jar can be a third of a pack's bytes.
        pack.jars().parallelStream().filter(jar -> present.contains(jar.file()))
                .map(jar -> compare(directory.resolve(jar.file()), jar)).filter(Objects::nonNull).toList()
                .forEach(differences::add);
        present.stream().filter(name -> !locked.contains(name)).sorted()
                .forEach(name -> differences.add("jar " + name + " is not in rig.lock"));
        return differences;
    }

    private static String compare(Path file, LockedJar jar) {
        try {
            long size = Files.size(file);
            if (size != jar.size()) {
                return "jar " + jar.file() + " changed: " + size + " bytes, rig.lock says " + jar.size();
            }
            String sha256 = JarDigest.sha256(file);
            if (!sha256.equals(jar.sha256())) {
                return "jar " + jar.file() + " changed: sha256 " + sha256 + ", rig.lock says " + jar.sha256();
            }
            return null;
        } catch (IOException e) {
            return "jar " + jar.file() + " cannot be read: " + e.getMessage();
        }
    }
}
