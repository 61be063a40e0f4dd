package dev.rig.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.api.RigException;
import dev.rig.core.config.RigConfig;
import dev.rig.install.MountChange;
import dev.rig.install.MountInstaller;
import dev.rig.install.PackChange;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rig update}: moves installed Java packs to the index's (or repositories') newest version, and
 * reviews mounted MCP servers and npm packs: what each serves now against its pins in rig.lock, accepted
 * unless {@code --dry-run}.
 */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = {"Update installed packs (all, or those named), showing version and tool-shape changes.",
            "A mounted MCP server or npm pack is started, and how its tools differ from",
            "their pins in rig.lock is shown (+ new, - no longer served, ~ changed, with",
            "a diff) and accepted into rig.lock. New tools start disabled unless",
            "--enable-new or --enable TOOL.",
            ""})
final class UpdateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption json;

    @Mixin
    PackSourceOptions sources;

    @Parameters(paramLabel = "PACK", arity = "0..*", description = "Pack ids to update (default: all installed).")
    List<String> packs = new ArrayList<>();

    @Option(names = "--dry-run", description = "Show what would change, change nothing.")
    boolean dryRun;

    @Option(names = "--enable-new", description = "Mounted packs: enable the tools a server added (default: disabled).")
    boolean enableNew;

    @Option(names = "--enable", paramLabel = "TOOL",
            description = "Mounted packs: enable this tool (its name as the server gives it; repeatable).")
    List<String> enable = new ArrayList<>();

    @Override
    public Integer call() {
        RigConfig config = common.config();
        PackSourceOptions.requireWorkspace(config);
        PrintWriter err = spec.commandLine().getErr();
        MountInstaller mounts = sources.mountInstaller(config, err);
        List<String> java = new ArrayList<>();
        Set<String> mounted = new LinkedHashSet<>();
        for (String id : packs) {
            if (mounts.handles(id)) {
                mounted.add(id);
            } else {
                java.add(id);
            }
        }
        if (packs.isEmpty()) {
            mounted.addAll(mounts.mountedIds());
        }
        if (!enable.isEmpty() && (packs.size() != 1 || mounted.isEmpty())) {
            throw CommandFailure.usage("--enable names tools of one mounted MCP server or npm pack: name that pack",
                    "rig update <server id> --enable <tool>");
        }
        if (enableNew && mounted.isEmpty()) {
            throw CommandFailure.usage("--enable-new reviews the tools of mounted MCP servers and npm packs; none is"
                    + " named", "rig update <server id> --enable-new");
        }
        List<PackChange> changes = List.of();
        if (packs.isEmpty() || !java.isEmpty()) {
            changes = sources.installer(config, err).update(java, dryRun);
        }
        List<MountChange> reviewed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (String id : mounted) {
            try {
                reviewed.add(mounts.update(id, dryRun, enableNew, Set.copyOf(enable)));
            } catch (RigException e) {
                if (!packs.isEmpty()) {
                    throw e;
                }
                failures.add(id + ": " + e.getMessage());
                err.println("error: " + id + " was not reviewed: " + e.getMessage());
                e.hints().forEach(hint -> err.println("  hint: " + hint));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled) {
            ObjectNode doc = PackChanges.json(changes, dryRun);
            doc.set("mounted", MountChanges.json(reviewed, true));
            failures.forEach(doc.putArray("failures")::add);
            JsonOutput.print(out, doc);
        } else {
            PackChanges.printText(out, changes, dryRun);
            MountChanges.print(out, reviewed, dryRun);
        }
        err.flush();
        return failures.isEmpty() ? ExitCode.OK.code() : ExitCode.FAILED.code();
    }
}
