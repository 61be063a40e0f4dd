package dev.rig.core.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.spi.RiskClass;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Compares the two definitions of one tool, field by field; the schemas go to {@link SchemaComparison}. */
final class ToolComparison {

    private static final List<String> SCHEMAS = List.of("input_schema", "output_schema", "error_schema");
    private static final Set<String> KNOWN_FIELDS = Set.of("name", "description", "input_schema", "output_schema",
            "error_schema", "auth_slots", "risk_class", "tags", "policy_defaults", "examples", "idempotent");

    private final String tool;
    private final List<ShapeChange> into;

    private ToolComparison(String tool, List<ShapeChange> into) {
        this.tool = tool;
        this.into = into;
    }

    /**
     * Adds to {@code into} the changes of tool {@code name} from {@code old} to {@code now}; either is
     * null when the tool is absent from that side.
     */
    static void compare(String name, JsonNode old, JsonNode now, List<ShapeChange> into) {
        ToolComparison comparison = new ToolComparison(name, into);
        if (old == null && now == null) {
            return;
        }
        if (old == null) {
            String risk = now.path("risk_class").asText("");
            comparison.add(Impact.COMPATIBLE, "tool_added", "",
                    risk.isEmpty() ? "tool added" : "tool added (risk class " + risk + ")");
        } else if (now == null) {
            comparison.add(Impact.BREAKING, "tool_removed", "", "tool removed");
        } else if (!old.equals(now)) {
            comparison.fields(old, now);
        }
    }

    private void fields(JsonNode old, JsonNode now) {
        riskClass(old.path("risk_class"), now.path("risk_class"));
        authSlots(old.path("auth_slots"), now.path("auth_slots"));
        if (!old.path("description").equals(now.path("description"))) {
            add(Impact.NOTE, "description_changed", "description", "description changed");
        }
        boolean wasIdempotent = old.path("idempotent").asBoolean(false);
        boolean isIdempotent = now.path("idempotent").asBoolean(false);
        if (wasIdempotent && !isIdempotent) {
            add(Impact.NOTE, "no_longer_idempotent", "idempotent", "no longer idempotent: failed calls are not retried");
        } else if (!wasIdempotent && isIdempotent) {
            add(Impact.NOTE, "now_idempotent", "idempotent", "now idempotent: failed calls may be retried");
        }
        note(old, now, "tags", "tags_changed", "tags changed from " + old.path("tags") + " to " + now.path("tags"));
        note(old, now, "examples", "examples_changed", "examples changed");
        note(old, now, "policy_defaults", "policy_defaults_changed",
                "policy defaults changed from " + old.path("policy_defaults") + " to " + now.path("policy_defaults"));
        for (String field : SCHEMAS) {
            SchemaComparison.compare(tool, field, old.path(field), now.path(field), into);
        }
        TreeSet<String> others = new TreeSet<>();
        collectFieldNames(old, others);
        collectFieldNames(now, others);
        others.removeAll(KNOWN_FIELDS);
        for (String field : others) {
            note(old, now, field, "field_changed", "field '" + field + "' changed");
        }
    }

    private void riskClass(JsonNode old, JsonNode now) {
        if (old.equals(now)) {
            return;
        }
        RiskClass was = risk(old);
        RiskClass is = risk(now);
        String from = old.isMissingNode() ? "none" : old.asText(old.toString());
        String to = now.isMissingNode() ? "none" : now.asText(now.toString());
        if (was != null && is != null && was != is) {
            boolean raised = is.ordinal() > was.ordinal();
            add(raised ? Impact.BREAKING : Impact.COMPATIBLE, raised ? "risk_raised" : "risk_lowered", "risk_class",
                    "risk class " + (raised ? "raised" : "lowered") + " from " + from + " to " + to);
        } else if (was == null || is == null) {
            add(Impact.NOTE, "risk_changed", "risk_class", "risk class changed from " + from + " to " + to);
        }
    }

    private static RiskClass risk(JsonNode value) {
        for (RiskClass risk : RiskClass.values()) {
            if (value.isTextual() && risk.wireName().equals(value.textValue())) {
                return risk;
            }
        }
        return null;
    }

    private void authSlots(JsonNode old, JsonNode now) {
        Set<String> was = texts(old);
        Set<String> is = texts(now);
        for (String slot : is) {
            if (!was.contains(slot)) {
                add(Impact.BREAKING, "auth_slot_added", "auth_slots", "auth slot '" + slot + "' added: a new secret is needed");
            }
        }
        for (String slot : was) {
            if (!is.contains(slot)) {
                add(Impact.COMPATIBLE, "auth_slot_removed", "auth_slots", "auth slot '" + slot + "' no longer needed");
            }
        }
    }

    private static Set<String> texts(JsonNode array) {
        TreeSet<String> texts = new TreeSet<>();
        if (array.isArray()) {
            array.forEach(item -> texts.add(item.isTextual() ? item.textValue() : item.toString()));
        }
        return texts;
    }

    private static void collectFieldNames(JsonNode def, Set<String> into) {
        for (Iterator<String> names = def.fieldNames(); names.hasNext(); ) {
            into.add(names.next());
        }
    }

    private void note(JsonNode old, JsonNode now, String field, String kind, String detail) {
        if (!old.path(field).equals(now.path(field))) {
            add(Impact.NOTE, kind, field, detail);
        }
    }

    private void add(Impact impact, String kind, String location, String detail) {
        into.add(new ShapeChange(tool, impact, kind, location, detail));
    }
}
