package dev.rig.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.api.RigException;
import dev.rig.core.config.RigConfig;
import dev.rig.core.snapshot.Roles;
import dev.rig.core.snapshot.ShapeDiff;
import dev.rig.core.snapshot.SnapshotRecord;
import dev.rig.core.snapshot.SnapshotStore;
import dev.rig.spi.ErrorType;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rig diff A B}: how the tools change from one snapshot to another, breaking changes first. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Show how the tools change from snapshot A to snapshot B: added, removed, and schema",
            "or risk changes, each breaking or compatible (breaking first), description changes",
            "apart. A and B are snapshot ids (or a unique start of one) or active, canary, previous.",
            "Exit code 1 when a change is breaking."})
final class DiffCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption json;

    @Parameters(index = "0", paramLabel = "A", description = "The snapshot before.")
    String from;

    @Parameters(index = "1", paramLabel = "B", description = "The snapshot after.")
    String to;

    @Override
    public Integer call() {
        RigConfig config = common.config();
        SnapshotStore store = SnapshotStore.of(config.workingDirectory());
        SnapshotRecord before = resolve(store, from);
        SnapshotRecord after = resolve(store, to);
        ShapeDiff diff = ShapeDiff.between(before.tools(), after.tools());
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled) {
            ObjectNode doc = diff.toJson();
            doc.put("from", before.id()).put("to", after.id());
            JsonOutput.print(out, doc);
        } else {
            out.println(before.id() + " (" + before.packSummary() + ") → " + after.id() + " (" + after.packSummary()
                    + ")");
            if (diff.isEmpty()) {
                out.println("tools unchanged");
            }
            diff.lines().forEach(out::println);
            out.flush();
        }
        return diff.breaking() ? ExitCode.FAILED.code() : ExitCode.OK.code();
    }

    private static SnapshotRecord resolve(SnapshotStore store, String name) {
        Roles roles = store.roles();
        String id = switch (name) {
            case "active" -> required(roles.active(), "no snapshot is active yet (the gateway records one when it starts)");
            case "previous" -> required(roles.previous(), "there is no previous snapshot");
            case "canary" -> {
                if (roles.canary() == null) {
                    throw new RigException(ErrorType.NOT_FOUND, "no canary is on trial",
                            "`rig update --canary PERCENT` starts one");
                }
                yield required(roles.canary().snapshot(), "the canary has not been built yet: a running gateway"
                        + " builds it (`rig serve`)");
            }
            default -> name;
        };
        return store.find(id).orElseThrow(() -> new RigException(ErrorType.NOT_FOUND, "no snapshot '" + name
                + "' in " + store.directory(), "`rig snapshots` lists them; active, canary and previous name the roles"));
    }

    private static String required(String id, String otherwise) {
        if (id == null) {
            throw new RigException(ErrorType.NOT_FOUND, otherwise, "`rig snapshots` lists the history");
        }
        return id;
    }
}
