package dev.rig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UsageTest {

    @Test
    void anUnknownOptionIsAUsageError() {
        Cli.Run run = Cli.run("list", "--bogus");

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("error: Unknown option: '--bogus'").contains("rig list --help");
    }

    @Test
    void anUnknownCommandIsAUsageErrorWithSuggestions() {
        Cli.Run run = Cli.run("aprove");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("Unmatched argument").contains("rig approve");
    }

    @Test
    void noCommandPrintsTheUsageOnStderr() {
        Cli.Run run = Cli.run();

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("Usage: rig").contains("serve").contains("Exit codes");
    }

    @Test
    void auditWithoutAVerbIsAUsageError() {
        Cli.Run run = Cli.run("audit");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("missing command: choose one of query, tail, verify");
    }

    @Test
    void anApprovalTokenMustBeAUuid() {
        Cli.Run run = Cli.run("approve", "not-a-token", "--url", "http://127.0.0.1:1");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("TOKEN");
    }

    @Test
    void aBadTimeIsAUsageErrorNamingTheAcceptedForms() {
        Cli.Run run = Cli.run("audit", "query", "--since", "yesterday", "--url", "http://127.0.0.1:1");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("'yesterday' is neither an instant").contains("15m");
    }

    @Test
    void okAndFailedExcludeEachOther() {
        Cli.Run run = Cli.run("audit", "query", "--ok", "--failed", "--url", "http://127.0.0.1:1");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("mutually exclusive");
    }

    @Test
    void versionPrintsTheVersionOnStdout() {
        Cli.Run run = Cli.run("--version");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("rig 0.").contains("JVM ");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void helpGoesToStdoutAndListsTheExitCodes() {
        Cli.Run run = Cli.run("--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("init", "list", "serve", "call", "approve", "deny", "approvals", "audit",
                "doctor", "completion", "3 approval required");
    }

    @Test
    void everyVerbHasHelp() {
        Cli.Run run = Cli.run("call", "--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("Usage: rig call").contains("TOOL").contains("@FILE").contains("--tenant-id");
        assertThat(Cli.run("audit", "query", "--help").out()).contains("--since").contains("--failed");
    }

    @Test
    void completionPrintsABashScript() {
        Cli.Run run = Cli.run("completion");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("complete -F").contains("approvals");
    }
}
