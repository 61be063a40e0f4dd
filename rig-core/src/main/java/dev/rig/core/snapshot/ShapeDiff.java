package dev.rig.core.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * How the tools of a gateway change between two snapshots, each change classified by what it does to
 * agents that call the tool: {@link Impact#BREAKING}, {@link Impact#COMPATIBLE} or a {@link Impact#NOTE}.
 *
 * <p>Direction matters. An input schema describes what callers send, so it may only accept more: a
 * new required input or a lowered maximum is breaking. Output and error schemas describe what callers
 * receive, so they may only promise more: a removed field or a new enum value is breaking. The changes
 * are kept sorted, breaking first, then compatible, then notes; within each by tool, location, kind.
 */
public record ShapeDiff(List<ShapeChange> changes) {

    private static final Comparator<ShapeChange> ORDER = Comparator.comparing(ShapeChange::impact)
            .thenComparing(ShapeChange::tool)
            .thenComparing(ShapeChange::location)
            .thenComparing(ShapeChange::kind)
            .thenComparing(ShapeChange::detail);

    public ShapeDiff {
        changes = changes.stream().map(Objects::requireNonNull).sorted(ORDER).toList();
    }

    /**
     * The changes from {@code before} to {@code after}, each a map from tool name to the tool's RTP
     * ToolDef JSON ({@code RegisteredTool.wire()}); a null map counts as no tools.
     *
     * <p>Never throws on odd definitions: schema keywords it does not model ({@code $ref},
     * {@code oneOf}, ...) and values of an unexpected shape are compared as a whole and reported as a
     * NOTE {@code schema_changed} when they differ.
     */
    public static ShapeDiff between(Map<String, JsonNode> before, Map<String, JsonNode> after) {
        Map<String, JsonNode> old = before == null ? Map.of() : before;
        Map<String, JsonNode> now = after == null ? Map.of() : after;
        TreeSet<String> names = new TreeSet<>();
        old.keySet().stream().filter(Objects::nonNull).forEach(names::add);
        now.keySet().stream().filter(Objects::nonNull).forEach(names::add);
        List<ShapeChange> changes = new ArrayList<>();
        for (String name : names) {
            ToolComparison.compare(name, tool(old, name), tool(now, name), changes);
        }
        return new ShapeDiff(changes);
    }

    /** The definition of {@code name}, null when the map does not hold it, missing when it holds null. */
    private static JsonNode tool(Map<String, JsonNode> tools, String name) {
        if (!tools.containsKey(name)) {
            return null;
        }
        JsonNode def = tools.get(name);
        return def == null ? MissingNode.getInstance() : def;
    }

    /** True when nothing changed at all, notes included. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** True when any change is {@link Impact#BREAKING}. */
    public boolean breaking() {
        return changes.stream().anyMatch(change -> change.impact() == Impact.BREAKING);
    }

    /** The changes of one impact, in order. */
    public List<ShapeChange> of(Impact impact) {
        return changes.stream().filter(change -> change.impact() == impact).toList();
    }

    /**
     * One text line per change, in order, with aligned columns:
     * {@code breaking    stripe.create_refund  input_schema/properties/reason: required input 'reason' added}
     * (a change to the whole tool has no location: {@code breaking    stripe.old_tool  tool removed}).
     */
    public List<String> lines() {
        int toolWidth = changes.stream().mapToInt(change -> change.tool().length()).max().orElse(0);
        List<String> lines = new ArrayList<>(changes.size());
        for (ShapeChange change : changes) {
            String where = change.location().isEmpty() ? change.detail() : change.location() + ": " + change.detail();
            lines.add(padded(change.impact().wireName(), 12) + padded(change.tool(), toolWidth + 2) + where);
        }
        return lines;
    }

    private static String padded(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    /**
     * The changes as JSON, in order:
     * {@code {"breaking": n, "compatible": n, "notes": n, "changes": [{"tool", "impact", "kind", "location", "detail"}, ...]}}
     * with {@code impact} as {@link Impact#wireName()}.
     */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("breaking", of(Impact.BREAKING).size());
        json.put("compatible", of(Impact.COMPATIBLE).size());
        json.put("notes", of(Impact.NOTE).size());
        ArrayNode list = json.putArray("changes");
        for (ShapeChange change : changes) {
            ObjectNode item = list.addObject();
            item.put("tool", change.tool());
            item.put("impact", change.impact().wireName());
            item.put("kind", change.kind());
            item.put("location", change.location());
            item.put("detail", change.detail());
        }
        return json;
    }
}
