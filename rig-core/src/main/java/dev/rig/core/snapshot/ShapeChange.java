package dev.rig.core.snapshot;

import java.util.Objects;

/**
 * One change to one tool.
 *
 * <p>{@code kind} is a stable snake_case code ({@code required_input_added}, {@code risk_raised}, ...);
 * {@code location} says where, as a path into the tool definition ({@code input_schema/properties/amount},
 * {@code output_schema/properties/items/items/properties/id}, {@code risk_class}, {@code auth_slots},
 * {@code description}), or {@code ""} for the whole tool; {@code detail} is one human sentence
 * ({@code required input 'reason' added}). No component is null.
 */
public record ShapeChange(String tool, Impact impact, String kind, String location, String detail) {

    public ShapeChange {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(impact, "impact");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(detail, "detail");
    }
}
