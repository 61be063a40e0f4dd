package dev.rig.cli;

import dev.rig.core.snapshot.Rollout;
import picocli.CommandLine.Command;

/** {@code rig rollback}: ends the canary, or returns to the previous snapshot. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"End the canary (the active snapshot stays), or, with no canary on trial, make the",
            "previous snapshot active again: rig.lock gets its pack set back, its jars checked",
            "against their sha256 first. Audited."})
final class RollbackCommand extends RoleChangeCommand {

    @Override
    Rollout.Change apply(Rollout rollout, String actor, String reason) {
        return rollout.rollback(actor, reason);
    }
}
