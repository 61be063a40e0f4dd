package dev.rig.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.json.Json;
import dev.rig.core.lock.LockedPack;
import dev.rig.core.lock.ToolPinning;
import dev.rig.install.MountChange;
import dev.rig.spi.RiskClass;
import java.io.PrintWriter;
import java.util.List;

/**
 * Prints what install, update and uninstall did to mounted MCP servers and npm packs: one line per
 * pack, then one line per tool ({@code + tool (new, disabled)}, {@code - tool (no longer served)},
 * {@code ~ tool: description, inputSchema changed} with a diff of each changed field), or JSON.
 */
final class MountChanges {

    private MountChanges() {}

    static void print(PrintWriter out, List<MountChange> changes, boolean dryRun) {
        for (MountChange change : changes) {
            printOne(out, change, dryRun);
        }
        out.flush();
    }

    private static void printOne(PrintWriter out, MountChange change, boolean dryRun) {
        String id = change.packId();
        String would = dryRun ? "would be " : "";
        int tools = change.tools().size();
        String pinned = tools + " tool" + (tools == 1 ? "" : "s") + (dryRun ? " would be" : "") + " pinned in rig.lock";
        switch (change.action()) {
            case MOUNTED -> {
                out.println(id + " " + change.toVersion() + " " + would + "mounted (MCP server over " + change.source()
                        + ": " + change.packageName() + "): " + pinned + ", all enabled");
                printTools(out, change);
            }
            case ALREADY_MOUNTED -> out.println(id + " is already mounted (mcp_servers." + id + " in rig.yaml: "
                    + change.packageName() + ")");
            case INSTALLED -> {
                String versions = change.fromVersion() == null ? change.toVersion()
                        : change.fromVersion() + " → " + change.toVersion();
                out.println(id + " " + versions + " " + would + "installed (npm " + change.packageName() + " from "
                        + change.source() + ", " + change.integrity() + "): " + pinned
                        + (change.fromVersion() == null ? ", all enabled" : ""));
                if (change.fromVersion() == null) {
                    printTools(out, change);
                } else {
                    printDiff(out, change);
                }
            }
            case ALREADY_INSTALLED -> out.println(id + " " + change.toVersion() + " is already installed (npm "
                    + change.packageName() + ", integrity as rig.lock records)");
            case RESTORED -> out.println(id + " " + change.toVersion() + " " + would + "restored from rig.lock (npm "
                    + change.packageName() + ", integrity as rig.lock records)");
            case UPDATED -> {
                String versions = change.fromVersion() == null ? change.toVersion()
                        : change.fromVersion().equals(change.toVersion()) ? change.toVersion()
                        : change.fromVersion() + " → " + change.toVersion();
                int changed = change.changedTools().size() + change.enabled().size();
                out.println(id + " " + versions + ": " + (change.fromVersion() == null ? "first pinning, " : "")
                        + changed + " tool change" + (changed == 1 ? "" : "s") + (dryRun
                        ? " (dry run: rig.lock unchanged; run without --dry-run to accept)" : " accepted into rig.lock"));
                printDiff(out, change);
            }
            case UNCHANGED -> out.println(id + " " + change.toVersion() + ": " + tools + " tool" + (tools == 1 ? "" : "s")
                    + ", unchanged since pinned");
            case REMOVED -> out.println(id + " " + (change.fromVersion() == null ? "" : change.fromVersion() + " ")
                    + "removed (" + (change.runtime().equals(LockedPack.MCP) ? "MCP server " : "npm ")
                    + change.packageName() + ")");
        }
        for (String note : change.notes()) {
            out.println("    " + note);
        }
    }

    private static void printTools(PrintWriter out, MountChange change) {
        for (ToolPinning.Change tool : change.tools()) {
            RiskClass risk = change.risks().get(tool.tool());
            out.println("    " + change.rigName(tool.tool()) + " (" + (risk == null ? "?" : risk.wireName()) + ")");
        }
    }

    private static void printDiff(PrintWriter out, MountChange change) {
        for (ToolPinning.Change tool : change.tools()) {
            switch (tool.kind()) {
                case ADDED -> out.println("    + " + tool.tool() + " (new, " + (tool.enabled() ? "enabled" : "disabled")
                        + ")");
                case REMOVED -> out.println("    - " + tool.tool() + " (no longer served)");
                case CHANGED -> {
                    out.println("    ~ " + tool.tool() + ": " + String.join(", ", tool.fields()) + " changed");
                    for (String field : tool.fields()) {
                        out.println("        " + field + ":");
                        JsonDiff.lines(tool.before() == null ? null : tool.before().get(field),
                                tool.after() == null ? null : tool.after().get(field))
                                .forEach(line -> out.println("          " + line));
                    }
                }
                case UNCHANGED -> {
                    if (change.enabled().contains(tool.tool())) {
                        out.println("    ~ " + tool.tool() + ": enabled");
                    }
                }
            }
        }
    }

    /** The changes as a JSON array, one object per pack. */
    static ArrayNode json(List<MountChange> changes, boolean withDefinitions) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (MountChange change : changes) {
            ObjectNode node = list.addObject().put("pack", change.packId()).put("runtime", change.runtime())
                    .put("action", change.action().wire()).put("package", change.packageName())
                    .put("source", change.source()).put("from_version", change.fromVersion())
                    .put("to_version", change.toVersion());
            if (change.integrity() != null) {
                node.put("integrity", change.integrity());
            }
            ArrayNode tools = node.putArray("tools");
            for (ToolPinning.Change tool : change.tools()) {
                ObjectNode t = tools.addObject().put("tool", tool.tool()).put("name", change.rigName(tool.tool()))
                        .put("kind", tool.kind().name().toLowerCase(java.util.Locale.ROOT))
                        .put("enabled", tool.enabled());
                RiskClass risk = change.risks().get(tool.tool());
                t.put("risk_class", risk == null ? null : risk.wireName());
                tool.fields().forEach(t.putArray("fields")::add);
                if (withDefinitions && tool.kind() != ToolPinning.Kind.UNCHANGED) {
                    t.set("before", orNull(tool.before()));
                    t.set("after", orNull(tool.after()));
                }
            }
            change.enabled().forEach(node.putArray("enabled")::add);
            change.notes().forEach(node.putArray("notes")::add);
        }
        return list;
    }

    private static JsonNode orNull(JsonNode node) {
        return node == null ? Json.MAPPER.nullNode() : node;
    }
}
