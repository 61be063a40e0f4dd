package dev.rig.cli;

import dev.rig.core.config.RigConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rig update}: moves installed packs to the index's (or repositories') newest version. */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = "Update installed packs (all, or those named), showing version and tool-shape changes.")
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

    @Override
    public Integer call() {
        RigConfig config = common.config();
        PackSourceOptions.requireWorkspace(config);
        var changes = sources.installer(config, spec.commandLine().getErr()).update(packs, dryRun);
        PackChanges.print(spec.commandLine().getOut(), changes, json.enabled, dryRun);
        return ExitCode.OK.code();
    }
}
