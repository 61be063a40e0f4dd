package dev.rig.spi;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a pack is given when the gateway loads it: its own settings and the working directory.
 *
 * <p>{@code settings} is the {@code packs.<id>} section of {@code rig.yaml} (parsed JSON-like
 * values, empty when absent). Paths in settings are relative to {@code workingDirectory}.
 */
public record PackEnvironment(Map<String, Object> settings, Path workingDirectory) {

    public PackEnvironment {
        settings = Map.copyOf(settings == null ? Map.of() : settings);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
    }

    /** A string setting, or {@code fallback} when absent. */
    public String setting(String key, String fallback) {
        Object value = settings.get(key);
        return value == null ? fallback : value.toString();
    }
}
