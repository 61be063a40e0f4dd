package dev.rig.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.config.RigConfig;
import dev.rig.core.json.Json;
import dev.rig.core.snapshot.Roles;
import dev.rig.core.snapshot.SnapshotRecord;
import dev.rig.core.snapshot.SnapshotStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rig snapshots}: the snapshot history of the workspace, with the roles. */
@Command(name = "snapshots", mixinStandardHelpOptions = true,
        description = {"List the snapshots this workspace has served (oldest first) and which one is",
            "active, canary and previous. A running gateway's canary metrics: GET /v1/snapshot."})
final class SnapshotsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        RigConfig config = common.config();
        SnapshotStore store = SnapshotStore.of(config.workingDirectory());
        Roles roles = store.roles();
        List<SnapshotRecord> records = store.list();
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled) {
            ObjectNode doc = Json.MAPPER.createObjectNode();
            doc.put("active", roles.active()).put("previous", roles.previous());
            if (roles.canary() == null) {
                doc.putNull("canary");
            } else {
                doc.putObject("canary").put("snapshot", roles.canary().snapshot())
                        .put("percent", roles.canary().percent())
                        .put("requested_at", roles.canary().requestedAt().toString())
                        .put("requested_by", roles.canary().requestedBy());
            }
            ArrayNode list = doc.putArray("snapshots");
            records.forEach(r -> list.add(r.summaryJson().put("role", role(roles, r.id()))));
            ArrayNode history = doc.putArray("history");
            roles.history().forEach(e -> history.addObject().put("at", e.at().toString()).put("event", e.event())
                    .put("snapshot", e.snapshot()).put("from", e.from()).put("actor", e.actor())
                    .put("reason", e.reason()));
            JsonOutput.print(out, doc);
            return ExitCode.OK.code();
        }
        if (records.isEmpty()) {
            out.println("no snapshot yet: the gateway records one when it starts (`rig serve`)");
        }
        Table table = new Table(List.of("ID", "ROLE", "CREATED", "TOOLS", "PACKS"));
        for (SnapshotRecord record : records) {
            table.add(record.id(), role(roles, record.id()), record.createdAt().toString(),
                    String.valueOf(record.tools().size()), record.packSummary());
        }
        if (!table.isEmpty()) {
            table.print(out);
        }
        if (roles.canary() != null && roles.canary().snapshot() == null) {
            out.println("canary requested for " + roles.canary().percent() + "% of tenants at "
                    + roles.canary().requestedAt() + "; the gateway has not built it yet");
        }
        out.flush();
        return ExitCode.OK.code();
    }

    private static String role(Roles roles, String id) {
        if (id.equals(roles.active())) {
            return "active";
        }
        if (roles.canary() != null && id.equals(roles.canary().snapshot())) {
            return "canary (" + roles.canary().percent() + "%)";
        }
        return id.equals(roles.previous()) ? "previous" : "";
    }
}
