package dev.rig.cli;

import dev.rig.core.config.RigConfig;
import dev.rig.core.snapshot.Rollout;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rig promote}: the canary becomes the active snapshot. */
@Command(name = "promote", mixinStandardHelpOptions = true,
        description = {"Make the canary the active snapshot: rig.lock becomes its pack set, the active",
            "snapshot becomes previous, and every tenant's calls run on it. Audited."})
final class PromoteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption json;

    @Mixin
    RoleChangeOptions change;

    @Override
    public Integer call() {
        RigConfig config = common.config();
        PackSourceOptions.requireWorkspace(config);
        try (WorkspaceRollout workspace = WorkspaceRollout.open(config)) {
            Rollout.Change done = workspace.rollout().promote(change.actor(), change.reason);
            RollCommands.print(spec.commandLine().getOut(), done, json.enabled);
            workspace.rollout().prune();
        }
        return ExitCode.OK.code();
    }
}
