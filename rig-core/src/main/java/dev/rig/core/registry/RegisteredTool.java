package dev.rig.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.policy.ToolPlan;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolDef;
import java.util.Objects;
import java.util.Set;

/**
 * A tool in a snapshot: its definition, the code that runs it, its pack, and its schemas parsed
 * and compiled once.
 *
 * <p>{@code wire} is the definition as RTP JSON (snake_case, schemas as objects), built once and
 * served as is. {@code secretFields} are the top-level input properties marked
 * {@code writeOnly}, redacted wherever args are stored or shown. {@code plan} is the tool's
 * effective policy in this snapshot.
 */
public record RegisteredTool(
        ToolDef definition,
        Tool tool,
        PackInfo pack,
        JsonNode wire,
        SchemaCheck input,
        SchemaCheck output,
        Set<String> secretFields,
        ToolPlan plan) {

    public RegisteredTool {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(pack, "pack");
        Objects.requireNonNull(wire, "wire");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        secretFields = Set.copyOf(secretFields);
        Objects.requireNonNull(plan, "plan");
    }

    public String name() {
        return definition.name();
    }
}
