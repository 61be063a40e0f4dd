package dev.rig.install;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * How a pack's tools change between two versions, one line per tool an agent would notice:
 * {@code + name (risk)}, {@code - name}, {@code ~ name: input_schema, risk_class read → write}.
 */
public final class ToolShape {

    private static final List<String> SHAPE_FIELDS = List.of("input_schema", "output_schema", "risk_class",
            "auth_slots", "idempotent");

    private ToolShape() {}

    /** The changes from {@code before} to {@code after} (tool name → RTP ToolDef JSON), sorted by tool name. */
    public static List<String> changes(Map<String, JsonNode> before, Map<String, JsonNode> after) {
        TreeSet<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        List<String> lines = new ArrayList<>();
        for (String name : names) {
            JsonNode old = before.get(name);
            JsonNode now = after.get(name);
            if (old == null) {
                lines.add("+ " + name + " (" + now.path("risk_class").asText() + ")");
            } else if (now == null) {
                lines.add("- " + name);
            } else {
                List<String> changed = new ArrayList<>();
                for (String field : SHAPE_FIELDS) {
                    if (!old.path(field).equals(now.path(field))) {
                        changed.add(field.equals("risk_class") ? "risk_class " + old.path(field).asText() + " → "
                                + now.path(field).asText() : field);
                    }
                }
                if (!changed.isEmpty()) {
                    lines.add("~ " + name + ": " + String.join(", ", changed));
                }
            }
        }
        return lines;
    }
}
