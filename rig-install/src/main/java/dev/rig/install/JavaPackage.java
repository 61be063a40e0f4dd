package dev.rig.install;

import java.util.Objects;

/**
 * How an index entry is installed by this Java RIG: the pack's Maven coordinates and the oldest
 * RIG release it runs on.
 *
 * @param groupId    Maven group id, never blank
 * @param artifactId Maven artifact id, never blank
 * @param version    Maven version the index recommends, never blank
 * @param minRig     oldest RIG version the pack supports, or null when it runs on any
 */
public record JavaPackage(String groupId, String artifactId, String version, String minRig) {

    public JavaPackage {
        requireText(groupId, "groupId");
        requireText(artifactId, "artifactId");
        requireText(version, "version");
        if (minRig != null && minRig.isBlank()) {
            throw new IllegalArgumentException("minRig must be null or a version, not blank");
        }
    }

    /** {@code groupId:artifactId:version}, as Maven Resolver takes it. */
    public String coordinates() {
        return groupId + ":" + artifactId + ":" + version;
    }

    private static void requireText(String value, String name) {
        if (Objects.requireNonNull(value, name).isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
