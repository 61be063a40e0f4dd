package dev.rig.install;

import dev.rig.core.api.RigException;
import dev.rig.spi.ErrorType;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.eclipse.aether.util.version.GenericVersionScheme;
import org.eclipse.aether.version.InvalidVersionSpecificationException;
import org.eclipse.aether.version.Version;

/**
 * One pack listed in a {@link PackIndex}: what it is, and how this Java RIG installs it.
 *
 * @param id          pack id, {@code [a-z0-9][a-z0-9_-]{0,63}}
 * @param displayName human name, never null
 * @param description one sentence on what the pack does, never null (may be empty)
 * @param homepage    the vendor's API documentation, or null
 * @param tags        search tags, never null
 * @param java        the Maven package, or null when the pack exists only for other runtimes
 * @param node        the npm package ({@code rig install <id> --runtime node}), or null when there is none
 */
public record IndexEntry(String id, String displayName, String description, String homepage, List<String> tags,
                         JavaPackage java, NodePackage node) {

    /** What a pack id looks like. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    /** The version a RIG reports when it runs from classes rather than a release; passes every check. */
    public static final String UNKNOWN_RIG_VERSION = "unknown";

    private static final GenericVersionScheme VERSIONS = new GenericVersionScheme();

    public IndexEntry {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("pack id '" + id + "' does not match " + ID.pattern());
        }
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(description, "description");
        tags = List.copyOf(tags);
    }

    /** An entry without an npm package. */
    public IndexEntry(String id, String displayName, String description, String homepage, List<String> tags,
                      JavaPackage java) {
        this(id, displayName, description, homepage, tags, java, null);
    }

    /** Whether this Java RIG can install the pack (the entry has a {@code java} package). */
    public boolean installable() {
        return java != null;
    }

    /**
     * The Java package of a pack about to be installed, after checking it runs on this RIG.
     *
     * @param rigVersion the running RIG's version; {@value #UNKNOWN_RIG_VERSION} skips the check
     * @throws RigException VALIDATION_ERROR when the entry has no Java package, or its
     *                      {@code min_rig} is newer than {@code rigVersion}
     */
    public JavaPackage requireRig(String rigVersion) {
        Objects.requireNonNull(rigVersion, "rigVersion");
        if (java == null) {
            throw new RigException(ErrorType.VALIDATION_ERROR,
                    "pack " + id + " is listed in the index but has no Java package, so this RIG cannot install it",
                    "see the packs this RIG can install: rig packs --available",
                    "or ask the index maintainer to publish " + id + " for Java (a \"java\" entry with Maven coordinates)");
        }
        if (java.minRig() == null || rigVersion.equals(UNKNOWN_RIG_VERSION)) {
            return java;
        }
        if (version(rigVersion).compareTo(version(java.minRig())) < 0) {
            throw new RigException(ErrorType.VALIDATION_ERROR,
                    "pack " + id + " " + java.version() + " needs RIG " + java.minRig() + " or newer; this is RIG " + rigVersion,
                    "upgrade RIG, or install an older " + id + ": rig install " + id + "@<version>");
        }
        return java;
    }

    /**
     * The npm package of a pack about to be installed with {@code --runtime node}, after checking it runs on
     * this RIG.
     *
     * @param rigVersion the running RIG's version; {@value #UNKNOWN_RIG_VERSION} skips the check
     * @throws RigException NOT_FOUND when the entry has no npm package; VALIDATION_ERROR when its
     *                      {@code min_rig} is newer than {@code rigVersion}
     */
    public NodePackage requireNode(String rigVersion) {
        Objects.requireNonNull(rigVersion, "rigVersion");
        if (node == null) {
            throw new RigException(ErrorType.NOT_FOUND, "pack " + id + " has no npm package in the index",
                    "name one: rig install " + id + " --runtime node --package <npm spec, tarball or directory>");
        }
        if (node.minRig() != null && !rigVersion.equals(UNKNOWN_RIG_VERSION)
                && version(rigVersion).compareTo(version(node.minRig())) < 0) {
            throw new RigException(ErrorType.VALIDATION_ERROR, "npm pack " + id + " (" + node.spec() + ") needs RIG "
                    + node.minRig() + " or newer; this is RIG " + rigVersion,
                    "upgrade RIG, or name an older package: rig install " + id + " --runtime node --package "
                            + node.packageName() + "@<version>");
        }
        return node;
    }

    static Version version(String text) {
        try {
            return VERSIONS.parseVersion(text);
        } catch (InvalidVersionSpecificationException e) {
            throw new IllegalArgumentException("not a version: '" + text + "'", e);
        }
    }
}
