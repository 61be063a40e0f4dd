package dev.rig.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.api.RigException;
import dev.rig.core.config.RigConfig;
import dev.rig.core.snapshot.Roles;
import dev.rig.core.snapshot.Rollout;
import dev.rig.core.snapshot.SnapshotStore;
import dev.rig.install.Installer;
import dev.rig.install.MountChange;
import dev.rig.spi.ErrorType;
import java.util.Optional;
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
 * {@code rig update}: moves installed Java packs to the index's (or repositories') newest version —
 * applied, or tried on a share of tenants first ({@code --canary}) — and reviews mounted MCP servers and
 * npm packs: what each serves now against its pins in rig.lock, accepted unless {@code --dry-run}.
 */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = {"Update installed packs (all, or those named), showing version deltas and how each",
            "tool changes, breaking changes first. Candidates must meet the pack contract;",
            "an update that breaks callers is refused without --allow-breaking. Tools an update",
            "adds are held back unless --enable-new (later: --enable TOOL). --canary PERCENT",
            "installs the new versions beside the current ones and routes that share of",
            "tenants to them; `rig promote` or `rig rollback` (or the gateway, on its own,",
            "when the canary fails) ends the trial.",
            "A mounted MCP server or npm pack is started, and how its tools differ from",
            "their pins in rig.lock is shown (+ new, - no longer served, ~ changed, with",
            "a diff) and accepted into rig.lock.",
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

    @Option(names = "--apply", description = "Apply the update (what update does unless --dry-run or --canary).")
    boolean apply;

    @Option(names = "--allow-breaking", description = "Apply (or try) an update even when it breaks callers.")
    boolean allowBreaking;

    @Option(names = "--canary", paramLabel = "PERCENT",
            description = "Java packs: route PERCENT% of tenants (sticky) to the new versions first.")
    Integer canary;

    @Option(names = "--actor", paramLabel = "ID", description = "Who asks for the canary (default: the OS user).")
    String actor;

    @Option(names = "--enable-new", description = "Serve the tools an update adds at once (default: held back).")
    boolean enableNew;

    @Option(names = "--enable", paramLabel = "TOOL",
            description = "Serve this held-back tool of the pack named (repeatable); nothing is updated.")
    List<String> enable = new ArrayList<>();

    private record CanaryRequest(List<PackChange> changes, Rollout.Change change) {}

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
        if (!enable.isEmpty() && packs.size() != 1) {
            throw CommandFailure.usage("--enable names tools of one pack: name that pack",
                    "rig update <pack> --enable <tool>");
        }
        if (apply && dryRun) {
            throw CommandFailure.usage("--apply and --dry-run contradict each other", "give one of them");
        }
        if (canary != null && (canary < 1 || canary > 100)) {
            throw CommandFailure.usage("--canary takes a share of tenants from 1 to 100, not " + canary,
                    "rig update --canary 10");
        }
        if (canary != null && !mounted.isEmpty() && !packs.isEmpty()) {
            throw CommandFailure.usage("--canary tries new versions of Java packs; " + String.join(", ", mounted)
                    + (mounted.size() == 1 ? " is a mounted pack" : " are mounted packs"),
                    "rig update " + String.join(" ", mounted) + " reviews a mounted pack's tools");
        }
        if (!enable.isEmpty() && !java.isEmpty()) {
            List<String> enabled = sources.installer(config, err).enable(java.get(0), Set.copyOf(enable));
            spec.commandLine().getOut().println("enabled " + String.join(", ", enabled) + " of " + java.get(0)
                    + "; a running gateway serves " + (enabled.size() == 1 ? "it" : "them") + " within a second");
            spec.commandLine().getOut().flush();
            return ExitCode.OK.code();
        }
        if (canary != null && !dryRun) {
            Roles.Canary trial = SnapshotStore.of(config.workingDirectory()).roles().canary();
            if (trial != null) {
                throw new RigException(ErrorType.CONFLICT, "a canary is on trial already ("
                        + Optional.ofNullable(trial.snapshot()).orElse("not built yet") + ", " + trial.percent()
                        + "% of tenants)", "`rig promote` or `rig rollback` it first");
            }
        }
        List<PackChange> changes = List.of();
        Rollout.Change canaryChange = null;
        if (packs.isEmpty() || !java.isEmpty()) {
            Installer installer = sources.installer(config, err);
            Installer.UpdateOptions options = new Installer.UpdateOptions(dryRun, allowBreaking, enableNew,
                    canary == null ? 0 : canary);
            if (canary == null || dryRun) {
                changes = installer.update(java, options).changes();
            } else {
                try (WorkspaceRollout workspace = WorkspaceRollout.open(config)) {
                    // One hold of the history's lock from placing the new versions to naming them in roles.json.
                    CanaryRequest request = workspace.rollout().store().locked(() -> {
                        Installer.Update update = installer.update(java, options);
                        return new CanaryRequest(update.changes(), update.candidate() == null ? null
                                : workspace.rollout().requestCanary(update.candidate(), canary,
                                        RoleChangeOptions.actorOrUser(actor)));
                    });
                    changes = request.changes();
                    canaryChange = request.change();
                }
            }
        }
        if (canary != null) {
            mounted.clear(); // a canary is about Java packs; mounted ones are reviewed without it
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
            if (canaryChange != null) {
                doc.putObject("canary").put("percent", canary).put("event", canaryChange.event())
                        .put("active", canaryChange.roles().active());
            }
            JsonOutput.print(out, doc);
        } else {
            PackChanges.printText(out, changes, dryRun);
            MountChanges.print(out, reviewed, dryRun);
            if (canary != null && canaryChange == null && !dryRun) {
                out.println("no canary: every pack is up to date");
            }
        }
        if (canaryChange != null && !json.enabled) {
            RollCommands.print(out, canaryChange, false);
        }
        err.flush();
        return failures.isEmpty() ? ExitCode.OK.code() : ExitCode.FAILED.code();
    }
}
