package dev.rig.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.json.Json;
import dev.rig.core.snapshot.Impact;
import dev.rig.install.PackChange;
import java.io.PrintWriter;
import java.util.List;

/** Prints what install, update and uninstall did: one line per pack (and its tool changes), or JSON. */
final class PackChanges {

    private PackChanges() {}

    static void print(PrintWriter out, List<PackChange> changes, boolean json, boolean dryRun) {
        if (json) {
            JsonOutput.print(out, json(changes, dryRun));
            return;
        }
        printText(out, changes, dryRun);
    }

    /** {@code {"dry_run", "changes": [...]}}: the document {@code --json} prints. */
    static ObjectNode json(List<PackChange> changes, boolean dryRun) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("dry_run", dryRun);
        ArrayNode list = doc.putArray("changes");
        for (PackChange change : changes) {
            ObjectNode node = list.addObject();
            node.put("pack", change.packId()).put("action", change.action().wire())
                    .put("package", change.packageName()).put("from_version", change.fromVersion())
                    .put("to_version", change.toVersion()).put("source", change.source())
                    .put("jars", change.jars()).put("bytes", change.bytes());
            change.toolChanges().forEach(node.putArray("tool_changes")::add);
            change.notes().forEach(node.putArray("notes")::add);
            if (change.shape() != null) {
                node.set("shape", change.shape().toJson());
            }
        }
        return doc;
    }

    /** One line per pack (and its tool changes). */
    static void printText(PrintWriter out, List<PackChange> changes, boolean dryRun) {
        String would = dryRun ? "would be " : "";
        for (PackChange change : changes) {
            String line = switch (change.action()) {
                case INSTALLED -> change.packId() + " " + change.toVersion() + " " + would + "installed";
                case RESTORED -> change.packId() + " " + change.toVersion() + " " + would + "restored from rig.lock";
                case UPDATED -> change.packId() + " " + change.fromVersion() + " → " + change.toVersion() + " "
                        + (dryRun ? "would be updated" : "updated");
                case ALREADY_INSTALLED -> change.packId() + " " + change.toVersion() + " is already installed";
                case UP_TO_DATE -> change.packId() + " " + change.toVersion() + " is up to date";
                case REMOVED -> change.packId() + " " + change.fromVersion() + " removed";
            };
            if (change.action() != PackChange.Action.ALREADY_INSTALLED && change.action() != PackChange.Action.UP_TO_DATE
                    && change.action() != PackChange.Action.REMOVED) {
                line += " (" + change.packageName() + ", " + change.jars() + " jar" + (change.jars() == 1 ? "" : "s")
                        + ", " + kilobytes(change.bytes()) + ", from " + change.source() + ")";
            }
            out.println(line);
            for (String tool : change.toolChanges()) {
                out.println("    " + tool);
            }
            if (change.action() == PackChange.Action.UPDATED && change.toolChanges().isEmpty()) {
                out.println("    tools unchanged");
            }
            for (String note : change.notes()) {
                out.println("    " + note);
            }
        }
        long breaking = changes.stream().filter(PackChange::breaking)
                .mapToLong(c -> c.shape().of(Impact.BREAKING).size()).sum();
        if (breaking > 0) {
            out.println(breaking + " breaking change" + (breaking == 1 ? "" : "s") + (dryRun
                    ? ": `rig update` refuses " + (breaking == 1 ? "it" : "them") + " without --allow-breaking"
                    : " applied (--allow-breaking)"));
        }
        out.flush();
    }

    private static String kilobytes(long bytes) {
        return bytes < 1024 * 1024 ? (bytes + 1023) / 1024 + " KB" : String.format("%.1f MB", bytes / 1048576.0);
    }
}
