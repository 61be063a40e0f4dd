package dev.rig.core.registry;

import dev.rig.core.lock.JarDigest;
import dev.rig.core.lock.LockFile;
import dev.rig.core.lock.LockedJar;
import dev.rig.core.lock.LockedPack;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Writes a real pack jar for a test: the given classes (with their nested classes) and a services file. */
public final class PackJar {

    private PackJar() {}

    /**
     * Installs a pack the way {@code rig install} leaves it: the jar in {@code .rig/packs/<id>/1.0/} and
     * its sha256 in {@code rig.lock} (added to the lock already there).
     */
    public static Path install(Path workingDirectory, String packId, Class<?> host, String... packClasses)
            throws IOException {
        Path jar = write(workingDirectory.resolve(".rig/packs/" + packId + "/1.0/" + packId + ".jar"), host,
                packClasses);
        Instant now = Instant.now();
        LockFile lock = LockFile.read(workingDirectory.resolve(LockFile.FILE_NAME))
                .orElse(LockFile.empty("test", now));
        LockedJar locked = new LockedJar(jar.getFileName().toString(), "test:" + packId + ":1.0", Files.size(jar),
                JarDigest.sha256(jar));
        lock.with(LockedPack.of(packId, "test:" + packId, "1.0", now, "test", List.of(locked)), "test", now)
                .write(workingDirectory.resolve(LockFile.FILE_NAME));
        return jar;
    }

    /**
     * Writes the jar of version {@code version} of pack {@code packId} into {@code .rig/packs/<id>/<version>/}
     * and returns its lock entry, without touching rig.lock (a candidate for a canary, say).
     */
    public static LockedPack installVersion(Path workingDirectory, String packId, String version, Class<?> host,
                                            String... packClasses) throws IOException {
        Path jar = write(workingDirectory.resolve(".rig/packs/" + packId + "/" + version + "/" + packId + ".jar"),
                host, packClasses);
        LockedJar locked = new LockedJar(jar.getFileName().toString(), "test:" + packId + ":" + version,
                Files.size(jar), JarDigest.sha256(jar));
        return LockedPack.of(packId, "test:" + packId, version, Instant.now(), "test", List.of(locked));
    }

    public static Path write(Path jar, Class<?> host, String... packClasses) throws IOException {
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/dev.rig.spi.Pack"));
            out.write((String.join("\n", packClasses) + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            Path classes = Path.of(host.getProtectionDomain().getCodeSource().getLocation().getPath());
            String prefix = host.getName().replace('.', '/');
            try (var files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String name = classes.relativize(file).toString();
                    if (name.equals(prefix + ".class") || name.startsWith(prefix + "$")) {
                        out.putNextEntry(new JarEntry(name));
                        try (InputStream in = Files.newInputStream(file)) {
                            in.transferTo(out);
                        }
                        out.closeEntry();
                    }
                }
            }
        }
        return jar;
    }
}
