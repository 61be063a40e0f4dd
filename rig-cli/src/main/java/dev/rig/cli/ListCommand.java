package dev.rig.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.Gateway;
import dev.rig.mcp.mount.MountedServers;
import dev.rig.core.config.RigConfig;
import dev.rig.core.lock.LockFile;
import dev.rig.core.lock.LockedPack;
import java.util.Optional;
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
        RigConfig config = common.config();
        try (Gateway gateway = Gateway.open(config, new MountedServers())) {
            Snapshot snapshot = gateway.snapshot();
            if (packs) {
                printPacks(out, snapshot, config);
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

    private void printPacks(PrintWriter out, Snapshot snapshot, RigConfig config) {
        LockFile lock = LockFile.read(config.lockFile()).orElse(null);
        if (json.enabled) {
            ArrayNode packsJson = (ArrayNode) WireFormat.snapshot(snapshot).path("packs").deepCopy();
            for (JsonNode node : packsJson) {
                Optional.ofNullable(lock).flatMap(l -> l.pack(node.path("id").asText())).ifPresent(locked ->
                        ((ObjectNode) node).put("package", locked.packageName()).put("repository", locked.source())
                                .put("runtime", locked.runtime()).put("installed_at", locked.installedAt().toString()));
            }
            JsonOutput.print(out, packsJson);
            return;
        }
        Table table = new Table(List.of("PACK", "VERSION", "TOOLS", "SOURCE", "INSTALLED"));
        for (PackInfo pack : snapshot.packs()) {
            Optional<LockedPack> locked = Optional.ofNullable(lock).flatMap(l -> l.pack(pack.id()));
            table.add(pack.id(), pack.version(), Long.toString(snapshot.toolCount(pack.id())),
                    locked.map(l -> MountedPacks.packageWithVersion(l) + (l.runtime().equals(LockedPack.MCP) ? ""
                            : " from " + l.source())).orElse(pack.source()),
                    locked.map(l -> l.installedAt().toString()).orElse("-"));
        }
        table.print(out);
    }
}
