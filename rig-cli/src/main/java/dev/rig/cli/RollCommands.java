package dev.rig.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.json.Json;
import dev.rig.core.snapshot.Roles;
import dev.rig.core.snapshot.Rollout;
import java.io.PrintWriter;

/** How {@code rig promote}, {@code rig rollback} and {@code rig update --canary} report a change of roles. */
final class RollCommands {

    private RollCommands() {}

    static void print(PrintWriter out, Rollout.Change change, boolean json) {
        if (json) {
            Roles roles = change.roles();
            ObjectNode doc = Json.MAPPER.createObjectNode().put("event", change.event()).put("from", change.from())
                    .put("to", change.to()).put("reason", change.reason()).put("active", roles.active())
                    .put("previous", roles.previous());
            if (roles.canary() == null) {
                doc.putNull("canary");
            } else {
                doc.putObject("canary").put("snapshot", roles.canary().snapshot())
                        .put("percent", roles.canary().percent());
            }
            JsonOutput.print(out, doc);
            return;
        }
        String line = switch (change.event()) {
            case "promoted" -> "promoted " + name(change.to()) + " to active (previous: " + name(change.from()) + ")";
            case "canary_rolled_back" -> "canary " + name(change.from()) + " rolled back; " + name(change.to())
                    + " stays active";
            case "rolled_back" -> "rolled back to " + name(change.to()) + " (previous: " + name(change.from()) + ")";
            case "canary_requested" -> "canary requested for " + change.reason()
                    + "; a running gateway builds it and routes to it now (`rig serve` starts with it otherwise)";
            default -> change.event() + " " + name(change.to());
        };
        out.println(line);
        if (!change.event().equals("canary_requested")) {
            out.println("a running gateway follows within a second; calls already running finish where they started");
        }
        out.flush();
    }

    private static String name(String id) {
        return id == null ? "(a snapshot the gateway has not built yet)" : id;
    }
}
