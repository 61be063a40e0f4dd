package dev.rig.cli;

import dev.rig.core.config.RigConfig;
import dev.rig.core.snapshot.Rollout;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rig rollback}: ends the canary, or returns to the previous snapshot. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"End the canary (the active snapshot stays), or, with no canary on trial, make the",
            "previous snapshot active again: rig.lock gets its pack set back, its jars checked",
            "against their sha256 first. Audited."})
final class RollbackCommand implements Callable<Integer> {

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
            Rollout.Change done = workspace.rollout().rollback(change.actor(), change.reason);
            RollCommands.print(spec.commandLine().getOut(), done, json.enabled);
            workspace.rollout().prune();
        }
        return ExitCode.OK.code();
    }
}
