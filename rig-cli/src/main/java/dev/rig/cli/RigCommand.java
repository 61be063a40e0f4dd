package dev.rig.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code rig} command: only a list of verbs; run alone it prints the usage and exits 2. */
@Command(
        name = "rig",
        mixinStandardHelpOptions = true,
        versionProvider = RigVersion.class,
        description = "RIG: a gateway that gives AI agents audited, policy-checked tools.",
        footer = {
            "",
            "Exit codes: 0 ok, 1 the tool or command failed, 2 usage error,",
            "            3 approval required or refused, 4 internal error."
        })
final class RigCommand implements Callable<Integer> {

    /** The verbs, in the order usage lists them. */
    static final List<Class<?>> VERBS = List.of(
            InitCommand.class,
            NewCommand.class,
            ListCommand.class,
            PacksCommand.class,
            InfoCommand.class,
            InstallCommand.class,
            UninstallCommand.class,
            UpdateCommand.class,
            PromoteCommand.class,
            RollbackCommand.class,
            SnapshotsCommand.class,
            DiffCommand.class,
            VerifyCommand.class,
            ServeCommand.class,
            McpCommand.class,
            CallCommand.class,
            ApproveCommand.class,
            DenyCommand.class,
            ApprovalsCommand.class,
            AuditCommand.class,
            DoctorCommand.class,
            CompletionCommand.class);


    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }
}
