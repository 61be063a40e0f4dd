package dev.rig.cli;

import dev.rig.core.Gateway;
import dev.rig.core.audit.ChainVerification;
import dev.rig.core.wire.WireFormat;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rig audit verify}: checks the audit hash chain in the working directory's database. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check that no audit entry was edited, deleted or reordered (exit 1 if so).")
final class AuditVerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        ChainVerification verification;
        try (Gateway gateway = Gateway.open(common.config())) {
            verification = gateway.verifyAudit();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled) {
            JsonOutput.print(out, WireFormat.verification(verification));
        } else if (verification.intact()) {
            out.println("audit log intact: " + verification.checked() + " entries checked");
        } else {
            PrintWriter err = spec.commandLine().getErr();
            for (ChainVerification.Problem problem : verification.problems()) {
                err.println("seq " + problem.seq() + ": " + problem.description());
            }
            err.println("error: audit log broken: " + verification.problems().size() + " problem(s) in "
                    + verification.checked() + " entries");
            err.flush();
        }
        out.flush();
        return verification.intact() ? ExitCode.OK.code() : ExitCode.FAILED.code();
    }
}
