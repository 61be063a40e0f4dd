package dev.rig.core.registry;

import java.util.Objects;

/** A pack as the registry knows it: id, version, what it wraps, and where it was loaded from. */
public record PackInfo(String id, String version, String description, String source) {

    public PackInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        description = description == null ? "" : description;
        Objects.requireNonNull(source, "source");
    }
}
