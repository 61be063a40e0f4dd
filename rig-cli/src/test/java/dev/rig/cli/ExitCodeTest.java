package dev.rig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rig.core.api.RigException;
import dev.rig.spi.ErrorType;
import org.junit.jupiter.api.Test;

class ExitCodeTest {

    @Test
    void theCodesAreTheDocumentedOnes() {
        assertThat(ExitCode.OK.code()).isZero();
        assertThat(ExitCode.FAILED.code()).isEqualTo(1);
        assertThat(ExitCode.USAGE.code()).isEqualTo(2);
        assertThat(ExitCode.APPROVAL.code()).isEqualTo(3);
        assertThat(ExitCode.INTERNAL.code()).isEqualTo(4);
    }

    @Test
    void approvalRequiredAndExpiredApprovalsAreThree() {
        assertThat(ExitCode.forError(ErrorType.APPROVAL_REQUIRED, null)).isEqualTo(ExitCode.APPROVAL);
        assertThat(ExitCode.forError(ErrorType.NOT_FOUND, RigException.APPROVAL_EXPIRED)).isEqualTo(ExitCode.APPROVAL);
        assertThat(ExitCode.forError(ErrorType.NOT_FOUND, null)).isEqualTo(ExitCode.FAILED);
        assertThat(ExitCode.forError(ErrorType.POLICY_BLOCKED, null)).isEqualTo(ExitCode.FAILED);
    }

    @Test
    void exceptionsMapByKind() {
        assertThat(ExitCode.forException(CommandFailure.usage("x"))).isEqualTo(ExitCode.USAGE);
        assertThat(ExitCode.forException(new RigException(ErrorType.VALIDATION_ERROR, "x"))).isEqualTo(ExitCode.FAILED);
        assertThat(ExitCode.forException(new IllegalStateException("bug"))).isEqualTo(ExitCode.INTERNAL);
    }
}
