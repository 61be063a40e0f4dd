package dev.rig.install;

import dev.rig.core.snapshot.ShapeDiff;
import java.util.List;

/**
 * What an install, update or uninstall did (or, for a dry run, would do) to one pack.
 *
 * @param fromVersion the version installed before; null when there was none
 * @param toVersion the version installed after; null when removed
 * @param toolChanges the tool-shape changes as text lines, breaking ones first; empty when none or unknown
 * @param shape the tool-shape changes of an update, classified; null for other actions
 */
public record PackChange(String packId, Action action, String packageName, String fromVersion, String toVersion,
                         String source, int jars, long bytes, List<String> toolChanges, List<String> notes,
                         ShapeDiff shape) {

    /** The kind of change. */
    public enum Action {
        INSTALLED, ALREADY_INSTALLED, RESTORED, UPDATED, UP_TO_DATE, REMOVED;

        /** The lower-case name used in JSON output. */
        public String wire() {
            return name().toLowerCase();
        }
    }

    public PackChange {
        toolChanges = List.copyOf(toolChanges);
        notes = List.copyOf(notes);
    }

    /** A change that is not an update (no tool-shape diff). */
    public PackChange(String packId, Action action, String packageName, String fromVersion, String toVersion,
                      String source, int jars, long bytes, List<String> toolChanges, List<String> notes) {
        this(packId, action, packageName, fromVersion, toVersion, source, jars, bytes, toolChanges, notes, null);
    }

    /** Whether this update changes tools in a way that breaks callers. */
    public boolean breaking() {
        return shape != null && shape.breaking();
    }
}
