package dev.rig.core.lock;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An installed pack as {@code rig.lock} records it: which package and version, where it came from,
 * when, and every jar with its sha256.
 *
 * <p>{@code integrity} ({@code sha256-<base64>}, as npm writes it) is a digest over the jar list
 * (file name and sha256 of each, sorted by name), so it changes when any jar does: unlike the
 * original's hash of {@code name@version}, it can fail.
 *
 * <p>Packs that are not jars ({@link #MCP} servers and {@link #NODE} packages) have no jars but
 * {@code tools}: the definition of each tool as first trusted ({@link PinnedTool}). A mounted MCP
 * server's {@code integrity} covers its pins; an npm package's is npm's own.
 *
 * <p>{@code disabledTools} are tools of a Java pack that an update brought and nobody enabled yet
 * ({@code rig update --enable-new} or {@code --enable TOOL}): they are in the snapshot but blocked.
 */
public record LockedPack(
        String packId,
        String packageName,
        String version,
        String runtime,
        String integrity,
        Instant installedAt,
        String source,
        List<LockedJar> jars,
        SortedMap<String, PinnedTool> tools,
        SortedSet<String> disabledTools) {

    /** A Java pack: jars in a class loader of its own. */
    public static final String JAVA = "java";
    /** An MCP server mounted from {@code mcp_servers:}; {@code package} is its command line or URL. */
    public static final String MCP = "mcp";
    /** An npm package run by RIG's Node runner; {@code integrity} is npm's. */
    public static final String NODE = "node";

    public LockedPack {
        Objects.requireNonNull(packId, "pack_id");
        Objects.requireNonNull(packageName, "package");
        Objects.requireNonNull(version, "version");
        runtime = runtime == null ? JAVA : runtime;
        Objects.requireNonNull(installedAt, "installed_at");
        source = source == null ? "" : source;
        jars = List.copyOf(jars == null ? List.of() : jars);
        tools = Collections.unmodifiableSortedMap(new TreeMap<>(tools == null ? Map.of() : tools));
        disabledTools = Collections.unmodifiableSortedSet(new TreeSet<>(disabledTools == null ? Set.of()
                : disabledTools));
        if (!List.of(JAVA, MCP, NODE).contains(runtime)) {
            throw new IllegalArgumentException("runtime: '" + runtime + "' is not java, mcp or node");
        }
        if (runtime.equals(JAVA) && jars.isEmpty()) {
            throw new IllegalArgumentException("jars: a pack has at least its own jar");
        }
        if (!runtime.equals(JAVA) && !jars.isEmpty()) {
            throw new IllegalArgumentException("jars: only java packs have jars, this one's runtime is " + runtime);
        }
        if (jars.stream().map(LockedJar::file).distinct().count() != jars.size()) {
            throw new IllegalArgumentException("jars: a file name appears twice");
        }
        if (runtime.equals(NODE)) {
            Objects.requireNonNull(integrity, "integrity");
        } else {
            String expected = runtime.equals(JAVA) ? integrityOf(jars) : pinsIntegrityOf(tools);
            if (integrity == null) {
                integrity = expected;
            } else if (!integrity.equals(expected)) {
                throw new IllegalArgumentException("integrity: " + integrity + " does not match the "
                        + (runtime.equals(JAVA) ? "jars" : "tools") + " listed (" + expected
                        + "); the lock was edited by hand");
            }
        }
    }

    /** A locked pack with no tools held back. */
    public LockedPack(String packId, String packageName, String version, String runtime, String integrity,
                      Instant installedAt, String source, List<LockedJar> jars, SortedMap<String, PinnedTool> tools) {
        this(packId, packageName, version, runtime, integrity, installedAt, source, jars, tools, null);
    }

    /** This pack with {@code names} held back: tools an update brought that nobody has enabled yet. */
    public LockedPack withDisabledTools(Set<String> names) {
        return new LockedPack(packId, packageName, version, runtime, integrity, installedAt, source, jars, tools,
                new TreeSet<>(names));
    }

    /** A locked pack with the same fields and these pinned tools (integrity recomputed unless npm's). */
    public LockedPack withTools(SortedMap<String, PinnedTool> pins) {
        return new LockedPack(packId, packageName, version, runtime, runtime.equals(NODE) ? integrity : null,
                installedAt, source, jars, pins, disabledTools);
    }

    /** A locked pack whose integrity is computed from {@code jars}. */
    public static LockedPack of(String packId, String packageName, String version, Instant installedAt, String source,
                                List<LockedJar> jars) {
        return new LockedPack(packId, packageName, version, JAVA, null, installedAt, source, jars, null);
    }

    /** {@code sha256-<base64>} over "name fingerprint enabled\n" of each pinned tool, sorted by name. */
    public static String pinsIntegrityOf(SortedMap<String, PinnedTool> tools) {
        MessageDigest digest = sha256();
        tools.forEach((name, pin) -> digest.update((name + " " + pin.fingerprint() + " " + pin.enabled() + "\n")
                .getBytes(StandardCharsets.UTF_8)));
        return "sha256-" + Base64.getEncoder().encodeToString(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** {@code sha256-<base64>} over "file sha256\n" of each jar, sorted by file name. */
    public static String integrityOf(List<LockedJar> jars) {
        MessageDigest digest = sha256();
        jars.stream().sorted(Comparator.comparing(LockedJar::file))
                .forEach(jar -> digest.update((jar.file() + " " + jar.sha256() + "\n").getBytes(StandardCharsets.UTF_8)));
        return "sha256-" + Base64.getEncoder().encodeToString(digest.digest());
    }

    /** {@code groupId:artifactId:version}. */
    public String coordinates() {
        return packageName + ":" + version;
    }
}
