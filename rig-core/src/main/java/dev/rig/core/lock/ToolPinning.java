package dev.rig.core.lock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares a mounted server's pinned tools with what it serves now, and accepts what it serves: the
 * review step of rug-pull protection ({@code rig update <id>}).
 */
public final class ToolPinning {

    private ToolPinning() {
    }

    /** How one tool differs between the pins and the server. */
    public enum Kind { ADDED, REMOVED, CHANGED, UNCHANGED }

    /**
     * One tool's difference: {@code fields} are the top-level fields of the definition that changed
     * ({@code description}, {@code inputSchema}, ...); {@code enabled} whether it is enabled after
     * accepting; {@code before} and {@code after} the two definitions (null where absent).
     */
    public record Change(String tool, Kind kind, List<String> fields, boolean enabled, JsonNode before, JsonNode after) {

        public Change {
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(kind, "kind");
            fields = List.copyOf(fields);
        }
    }

    /**
     * Every tool of {@code pins} and {@code served}, by name, with its difference; {@code enableNew} and
     * {@code enable} say which tools are enabled after accepting (see {@link #accept}).
     */
    public static List<Change> diff(SortedMap<String, PinnedTool> pins, SortedMap<String, JsonNode> served,
                                    boolean enableNew, Set<String> enable) {
        TreeSet<String> names = new TreeSet<>(pins.keySet());
        names.addAll(served.keySet());
        List<Change> changes = new ArrayList<>();
        for (String name : names) {
            PinnedTool pin = pins.get(name);
            JsonNode now = served.get(name);
            if (pin == null) {
                changes.add(new Change(name, Kind.ADDED, List.of(), pins.isEmpty() || enableNew || enable.contains(name),
                        null, now));
            } else if (now == null) {
                changes.add(new Change(name, Kind.REMOVED, List.of(), false, pin.definition(), null));
            } else {
                List<String> fields = changedFields(pin.definition(), now);
                changes.add(new Change(name, fields.isEmpty() ? Kind.UNCHANGED : Kind.CHANGED, fields,
                        pin.enabled() || enable.contains(name), pin.definition(), now));
            }
        }
        return changes;
    }

    /**
     * The pins after accepting what the server serves: changed tools re-pinned (keeping whether they were
     * enabled), removed tools dropped, new tools pinned disabled unless {@code enableNew} or named in
     * {@code enable} (a first pinning enables all); {@code enable} also enables pinned tools.
     *
     * @throws IllegalArgumentException when {@code enable} names a tool the server does not serve
     */
    public static SortedMap<String, PinnedTool> accept(SortedMap<String, PinnedTool> pins,
                                                       SortedMap<String, JsonNode> served, boolean enableNew,
                                                       Set<String> enable) {
        for (String name : enable) {
            if (!served.containsKey(name)) {
                throw new IllegalArgumentException("--enable " + name + ": the server serves no such tool; it serves "
                        + served.keySet());
            }
        }
        TreeMap<String, PinnedTool> next = new TreeMap<>();
        for (Change change : diff(pins, served, enableNew, enable)) {
            if (change.kind() != Kind.REMOVED) {
                next.put(change.tool(), PinnedTool.of(change.after(), change.enabled()));
            }
        }
        return next;
    }

    /** The top-level fields of a tool definition ({@code description}, {@code inputSchema}, ...) that differ. */
    public static List<String> changedFields(JsonNode before, JsonNode after) {
        TreeSet<String> fields = new TreeSet<>();
        before.fieldNames().forEachRemaining(fields::add);
        after.fieldNames().forEachRemaining(fields::add);
        return fields.stream().filter(f -> !before.path(f).equals(after.path(f))).toList();
    }
}
