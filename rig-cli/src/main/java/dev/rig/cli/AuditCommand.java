package dev.rig.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rig audit}: the verbs that read and check the audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Read and check the audit log.",
        subcommands = {AuditQueryCommand.class, AuditTailCommand.class, AuditVerifyCommand.class})
final class AuditCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: choose one of query, tail, verify");
    }
}
