package dev.rig.install;

import java.util.Objects;

/**
 * How an index entry is installed as an npm pack ({@code rig install <id> --runtime node}): the npm
 * package, the version the index recommends, and the oldest RIG release it runs on.
 *
 * @param packageName the npm package name, such as {@code @rig/pack-github}; never blank
 * @param version     the npm version or range to install, or null for npm's {@code latest}
 * @param minRig      oldest RIG version the pack supports, or null when it runs on any
 * @param bundled     where the distribution carries the package (a directory relative to the RIG
 *                    installation, such as {@code npm/pack-echo}), or null when npm fetches it
 */
public record NodePackage(String packageName, String version, String minRig, String bundled) {

    /** A package npm fetches from its registry. */
    public NodePackage(String packageName, String version, String minRig) {
        this(packageName, version, minRig, null);
    }

    public NodePackage {
        if (Objects.requireNonNull(packageName, "package").isBlank()) {
            throw new IllegalArgumentException("package must not be blank");
        }
        if (version != null && version.isBlank()) {
            throw new IllegalArgumentException("version must be null or a version, not blank");
        }
        if (minRig != null && minRig.isBlank()) {
            throw new IllegalArgumentException("minRig must be null or a version, not blank");
        }
        if (bundled != null && (bundled.isBlank() || bundled.startsWith("/") || bundled.contains(".."))) {
            throw new IllegalArgumentException("bundled must be a path inside the RIG installation, not " + bundled);
        }
    }

    /** The npm spec to install: {@code package@version}, or the bare package name. */
    public String spec() {
        return version == null ? packageName : packageName + "@" + version;
    }
}
