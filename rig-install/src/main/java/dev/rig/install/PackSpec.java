package dev.rig.install;

import dev.rig.core.api.RigException;
import dev.rig.spi.ErrorType;
import java.util.regex.Pattern;

/**
 * What a user asked to install: a pack id from the index ({@code stripe}, {@code stripe@1.2.0}) or
 * Maven coordinates ({@code com.acme:rig-pack-acme:1.0.0}, or without the version for the newest).
 */
public record PackSpec(String id, String groupId, String artifactId, String version) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.-]+");

    /** Parses one command-line argument. */
    public static PackSpec parse(String text) {
        String arg = text.strip();
        if (arg.contains(":")) {
            String[] parts = arg.split(":", -1);
            if ((parts.length == 2 || parts.length == 3) && allParts(parts)) {
                return new PackSpec(null, parts[0], parts[1], parts.length == 3 ? parts[2] : null);
            }
            throw usage(text, "Maven coordinates are groupId:artifactId[:version]");
        }
        int at = arg.indexOf('@');
        String id = at < 0 ? arg : arg.substring(0, at);
        String version = at < 0 ? null : arg.substring(at + 1);
        if (!ID.matcher(id).matches()) {
            throw usage(text, "a pack id is lower-case letters, digits, - and _ (at most 64)");
        }
        if (version != null && !PART.matcher(version).matches()) {
            throw usage(text, "write the version after @, as in stripe@1.2.0");
        }
        return new PackSpec(id, null, null, version);
    }

    private static boolean allParts(String[] parts) {
        for (String part : parts) {
            if (!PART.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }

    private static RigException usage(String text, String rule) {
        return new RigException(ErrorType.VALIDATION_ERROR, "'" + text + "' is not a pack: " + rule,
                "examples: echo, stripe@0.1.0, com.acme:rig-pack-acme:1.0.0");
    }

    /** True for Maven coordinates, false for an index id. */
    public boolean isCoordinates() {
        return id == null;
    }

    /** {@code groupId:artifactId}, for coordinates. */
    public String packageName() {
        return groupId + ":" + artifactId;
    }

    @Override
    public String toString() {
        return isCoordinates() ? packageName() + (version == null ? "" : ":" + version)
                : id + (version == null ? "" : "@" + version);
    }
}
