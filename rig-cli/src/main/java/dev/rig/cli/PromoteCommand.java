package dev.rig.cli;

import dev.rig.core.snapshot.Rollout;
import picocli.CommandLine.Command;

/** {@code rig promote}: the canary becomes the active snapshot. */
@Command(name = "promote", mixinStandardHelpOptions = true,
        description = {"Make the canary the active snapshot: rig.lock becomes its pack set, the active",
            "snapshot becomes previous, and every tenant's calls run on it. Audited."})
final class PromoteCommand extends RoleChangeCommand {

    @Override
    Rollout.Change apply(Rollout rollout, String actor, String reason) {
        return rollout.promote(actor, reason);
    }
}
