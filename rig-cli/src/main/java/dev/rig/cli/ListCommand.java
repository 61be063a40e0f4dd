package dev.rig.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.Gateway;
import dev.rig.core.json.Json;
import dev.rig.core.wire.WireFormat;
import dev.rig.core.registry.PackInfo;
import dev.rig.core.registry.PackProblem;
import dev.rig.core.registry.RegisteredTool;
import dev.rig.core.registry.Snapshot;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rig list}: the tools (or packs) the working directory's configuration enables. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the tools the configuration allows (or, with --packs, the packs).")
final class ListCommand implements Callable<Integer> {

    private static final int DESCRIPTION_WIDTH = 60;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption json;

    @Option(names = "--packs", description = "List packs with their version, tool count and source instead.")
    boolean packs;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Gateway gateway = Gateway.open(common.config())) {
            Snapshot snapshot = gateway.snapshot();
            if (packs) {
                printPacks(out, snapshot);
            } else {
                printTools(out, snapshot, gateway.tools());
            }
            PrintWriter err = spec.commandLine().getErr();
            for (PackProblem problem : snapshot.problems()) {
                err.println("warning: skipped " + problem);
            }
            err.flush();
        }
        return ExitCode.OK.code();
    }

    private void printTools(PrintWriter out, Snapshot snapshot, List<JsonNode> tools) {
        if (json.enabled) {
            JsonOutput.print(out, Json.MAPPER.valueToTree(tools));
            return;
        }
        Table table = new Table(List.of("NAME", "RISK", "PACK", "DESCRIPTION"));
        for (JsonNode tool : tools) {
            String name = tool.path("name").asText();
            String pack = snapshot.tool(name).map(RegisteredTool::pack).map(PackInfo::id).orElse("?");
            table.add(name, tool.path("risk_class").asText("read"), pack,
                    Table.truncate(tool.path("description").asText(""), DESCRIPTION_WIDTH));
        }
        table.print(out);
    }

    private void printPacks(PrintWriter out, Snapshot snapshot) {
        if (json.enabled) {
            JsonOutput.print(out, WireFormat.snapshot(snapshot).path("packs"));
            return;
        }
        Table table = new Table(List.of("PACK", "VERSION", "TOOLS", "SOURCE"));
        for (PackInfo pack : snapshot.packs()) {
            table.add(pack.id(), pack.version(), Long.toString(snapshot.toolCount(pack.id())), pack.source());
        }
        table.print(out);
    }
}
