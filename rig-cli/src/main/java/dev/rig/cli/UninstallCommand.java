package dev.rig.cli;

import dev.rig.core.config.RigConfig;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rig uninstall}: removes packs' jars, their rig.lock entries and their rig.yaml entries. */
@Command(name = "uninstall", mixinStandardHelpOptions = true,
        description = "Remove packs from this workspace: jars, rig.lock entry and rig.yaml entry.")
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
        var changes = new PackSourceOptions().installer(config, spec.commandLine().getErr()).uninstall(packs);
        PackChanges.print(spec.commandLine().getOut(), changes, json.enabled, false);
        return ExitCode.OK.code();
    }
}
