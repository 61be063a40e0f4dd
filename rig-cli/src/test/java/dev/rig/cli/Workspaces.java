package dev.rig.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What the mount tests compare: every file and directory of a workspace, and where their fixtures are. */
final class Workspaces {

    private Workspaces() {}

    /** Every path below {@code dir} with the sha256 of its bytes ("dir" for a directory): equal maps, equal workspaces. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.filter(p -> !p.equals(dir)).toList()) {
                entries.put(dir.relativize(path).toString(), Files.isDirectory(path) ? "dir" : sha256(path));
            }
        }
        return entries;
    }

    /** A fixture of {@code src/test/resources/dev/rig/cli/mount/}. */
    static Path fixture(String name) {
        try {
            return Path.of(Workspaces.class.getResource("mount/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code args} followed by {@code --dir dir}. */
    static String[] in(Path dir, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--dir";
        all[args.length + 1] = dir.toString();
        return all;
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
