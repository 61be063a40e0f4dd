package dev.rig.install;

import java.util.List;

/**
 * What an install, update or uninstall did (or, for a dry run, would do) to one pack.
 *
 * @param fromVersion the version installed before; null when there was none
 * @param toVersion the version installed after; null when removed
 * @param toolChanges the tool-shape changes ({@link ToolShape}); empty when none or unknown
 */
public record PackChange(String packId, Action action, String packageName, String fromVersion, String toVersion,
                         String source, int jars, long bytes, List<String> toolChanges, List<String> notes) {

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
}
