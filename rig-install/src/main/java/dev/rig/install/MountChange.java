package dev.rig.install;

import dev.rig.core.lock.LockedPack;
import dev.rig.core.lock.ToolPinning;
import dev.rig.spi.RiskClass;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What an install, update or uninstall did (or, for a dry run, would do) to one mounted MCP server or
 * npm pack.
 *
 * @param runtime     {@link LockedPack#MCP} or {@link LockedPack#NODE}
 * @param packageName the server's command line or URL, or the npm package's name
 * @param source      {@code stdio} or {@code http} for a server; the npm spec installed from for a pack
 * @param fromVersion the version pinned before; null when there was none
 * @param toVersion   the version pinned after; null when removed
 * @param integrity   npm's integrity of the installed package; null for servers
 * @param tools       each tool against its pin ({@link ToolPinning#diff}), by the server's name for it
 * @param enabled     tools whose definition did not change but which are enabled now
 * @param risks       the risk class of each served tool, by the server's name for it (empty when not probed)
 * @param notes       what else happened (rig.yaml edits), one sentence each
 */
public record MountChange(String packId, String runtime, Action action, String packageName, String source,
                          String fromVersion, String toVersion, String integrity, List<ToolPinning.Change> tools,
                          List<String> enabled, Map<String, RiskClass> risks, List<String> notes) {

    /** The kind of change. */
    public enum Action {
        MOUNTED, ALREADY_MOUNTED, INSTALLED, ALREADY_INSTALLED, RESTORED, UPDATED, UNCHANGED, REMOVED;

        /** The lower-case name used in JSON output. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public MountChange {
        Objects.requireNonNull(packId, "packId");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(action, "action");
        tools = List.copyOf(tools);
        enabled = List.copyOf(enabled);
        risks = Map.copyOf(risks);
        notes = List.copyOf(notes);
    }

    /** The name RIG gives the server's tool {@code tool}: {@code <id>.<tool>} for a server, the pack's own for npm. */
    public String rigName(String tool) {
        return runtime.equals(LockedPack.MCP) ? packId + "." + tool : tool;
    }

    /** The tools whose pin this change adds, drops or replaces (unchanged ones left out). */
    public List<ToolPinning.Change> changedTools() {
        return tools.stream().filter(t -> t.kind() != ToolPinning.Kind.UNCHANGED).toList();
    }
}
