package dev.rig.core.lock;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * An installed pack as {@code rig.lock} records it: which package and version, where it came from,
 * when, and every jar with its sha256.
 *
 * <p>{@code integrity} ({@code sha256-<base64>}, as npm writes it) is a digest over the jar list
 * (file name and sha256 of each, sorted by name), so it changes when any jar does: unlike the
 * original's hash of {@code name@version}, it can fail.
 */
public record LockedPack(
        String packId,
        String packageName,
        String version,
        String runtime,
        String integrity,
        Instant installedAt,
        String source,
        List<LockedJar> jars) {

    /** The only runtime this gateway installs. */
    public static final String JAVA = "java";

    public LockedPack {
        Objects.requireNonNull(packId, "pack_id");
        Objects.requireNonNull(packageName, "package");
        Objects.requireNonNull(version, "version");
        runtime = runtime == null ? JAVA : runtime;
        Objects.requireNonNull(installedAt, "installed_at");
        source = source == null ? "" : source;
        jars = List.copyOf(Objects.requireNonNull(jars, "jars"));
        if (jars.isEmpty()) {
            throw new IllegalArgumentException("jars: a pack has at least its own jar");
        }
        if (jars.stream().map(LockedJar::file).distinct().count() != jars.size()) {
            throw new IllegalArgumentException("jars: a file name appears twice");
        }
        String expected = integrityOf(jars);
        if (integrity == null) {
            integrity = expected;
        } else if (!integrity.equals(expected)) {
            throw new IllegalArgumentException("integrity: " + integrity + " does not match the jars listed (" + expected
                    + "); the lock was edited by hand");
        }
    }

    /** A locked pack whose integrity is computed from {@code jars}. */
    public static LockedPack of(String packId, String packageName, String version, Instant installedAt, String source,
                                List<LockedJar> jars) {
        return new LockedPack(packId, packageName, version, JAVA, null, installedAt, source, jars);
    }

    /** {@code sha256-<base64>} over "file sha256\n" of each jar, sorted by file name. */
    public static String integrityOf(List<LockedJar> jars) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        jars.stream().sorted(Comparator.comparing(LockedJar::file))
                .forEach(jar -> digest.update((jar.file() + " " + jar.sha256() + "\n").getBytes(StandardCharsets.UTF_8)));
        return "sha256-" + Base64.getEncoder().encodeToString(digest.digest());
    }

    /** {@code groupId:artifactId:version}. */
    public String coordinates() {
        return packageName + ":" + version;
    }
}
