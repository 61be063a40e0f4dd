package dev.rig.spi;

import java.util.Objects;

/**
 * One documented use of a tool: an input and, optionally, the output the tool gives for it.
 *
 * <p>{@code inputJson} and {@code outputJson} are JSON object text; {@code outputJson} may be null
 * when the output depends on the outside world. The testkit validates both against the tool's
 * schemas and, when an output is given, checks the tool produces it.
 */
public record ToolExample(String name, String description, String inputJson, String outputJson) {

    public ToolExample {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(inputJson, "inputJson");
        description = description == null ? "" : description;
    }
}
