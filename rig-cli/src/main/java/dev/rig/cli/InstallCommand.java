package dev.rig.cli;

import dev.rig.core.config.RigConfig;
import dev.rig.install.Installer;
import dev.rig.install.PackChange;
import dev.rig.install.PackSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rig install}: resolves packs into .rig/packs, pins them in rig.lock and enables them in rig.yaml. */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Install packs (by index id, id@version, or groupId:artifactId[:version]) into this workspace.",
            "Without PACK, installs exactly the packs of rig.lock."})
final class InstallCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption json;

    @Mixin
    PackSourceOptions sources;

    @Parameters(paramLabel = "PACK", arity = "0..*", description = "echo, stripe@0.1.0, com.acme:rig-pack-acme:1.0.0")
    List<String> packs = new ArrayList<>();

    @Option(names = "--no-enable", description = "Install without enabling the pack in rig.yaml.")
    boolean noEnable;

    @Option(names = "--dry-run", description = "Resolve and check, show what would change, change nothing.")
    boolean dryRun;

    @Option(names = "--frozen", description = "Fail instead of changing rig.lock (for CI).")
    boolean frozen;

    @Option(names = "--force", description = "Install again even when installed; accept new bytes for a locked version.")
    boolean force;

    @Override
    public Integer call() {
        RigConfig config = common.config();
        PackSourceOptions.requireWorkspace(config);
        List<PackSpec> specs = packs.stream().map(PackSpec::parse).toList();
        var err = spec.commandLine().getErr();
        if (specs.isEmpty() && !config.lockFile().toFile().exists()) {
            throw CommandFailure.usage("no PACK given and no rig.lock to install from",
                    "name packs: rig install stripe slack; `rig packs --available` lists them");
        }
        List<PackChange> changes = sources.installer(config, err)
                .install(specs, new Installer.InstallOptions(force, frozen, dryRun, !noEnable));
        PackChanges.print(spec.commandLine().getOut(), changes, json.enabled, dryRun);
        return ExitCode.OK.code();
    }
}
