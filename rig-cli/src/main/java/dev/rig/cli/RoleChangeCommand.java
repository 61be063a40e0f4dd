package dev.rig.cli;

import dev.rig.core.config.RigConfig;
import dev.rig.core.snapshot.Rollout;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What {@code rig promote} and {@code rig rollback} share: in the workspace, make one role change,
 * print it, then prune the pack versions no role needs any more. Each names only its change.
 */
abstract class RoleChangeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption json;

    @Mixin
    RoleChangeOptions change;

    /** This command's role change, by {@code actor}, for {@code reason} (may be null). */
    abstract Rollout.Change apply(Rollout rollout, String actor, String reason);

    @Override
    public Integer call() {
        RigConfig config = common.config();
        PackSourceOptions.requireWorkspace(config);
        try (WorkspaceRollout workspace = WorkspaceRollout.open(config)) {
            Rollout.Change done = apply(workspace.rollout(), change.actor(), change.reason);
            RollCommands.print(spec.commandLine().getOut(), done, json.enabled);
            workspace.rollout().prune();
        }
        return ExitCode.OK.code();
    }
}
