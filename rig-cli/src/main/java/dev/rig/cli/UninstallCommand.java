package dev.rig.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.config.RigConfig;
import dev.rig.install.MountChange;
import dev.rig.install.MountInstaller;
import dev.rig.install.PackChange;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rig uninstall}: removes packs' jars, their rig.lock entries and their rig.yaml entries; a mounted
 * MCP server's {@code mcp_servers:} entry and pins; an npm pack's {@code .rig/node/<id>/}, pins and entry.
 */
@Command(name = "uninstall", mixinStandardHelpOptions = true,
        description = {"Remove packs from this workspace: jars, rig.lock entry and rig.yaml entry.",
            "A mounted MCP server loses its mcp_servers: entry and its pins; an npm pack",
            "its .rig/node/ID directory too."})
final class UninstallCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption json;

    @Parameters(paramLabel = "PACK", arity = "1..*", description = "Pack ids to remove.")
    List<String> packs;

    @Override
    public Integer call() {
        RigConfig config = common.config();
        PackSourceOptions.requireWorkspace(config);
        var err = spec.commandLine().getErr();
        PackSourceOptions sources = new PackSourceOptions();
        MountInstaller mounts = sources.mountInstaller(config, err);
        List<String> java = new ArrayList<>();
        List<String> mounted = new ArrayList<>();
        for (String id : packs) {
            (mounts.handles(id) ? mounted : java).add(id);
        }
        List<PackChange> changes = java.isEmpty() ? List.of() : sources.installer(config, err).uninstall(java);
        List<MountChange> removed = new ArrayList<>();
        for (String id : mounted) {
            removed.add(mounts.uninstall(id));
        }
        var out = spec.commandLine().getOut();
        if (json.enabled) {
            ObjectNode doc = PackChanges.json(changes, false);
            doc.set("mounted", MountChanges.json(removed, false));
            JsonOutput.print(out, doc);
        } else {
            PackChanges.printText(out, changes, false);
            MountChanges.print(out, removed, false);
        }
        return ExitCode.OK.code();
    }
}
