package dev.rig.cli;

import dev.rig.core.api.RigException;
import dev.rig.spi.ErrorType;

/**
 * The exit codes of {@code rig}, all in one place: scripts and CI branch on these.
 *
 * <p>0 ok; 1 the tool or the command failed; 2 the command line was wrong; 3 the call waits for
 * an approval, or its approval was refused or ran out; 4 a bug or broken installation.
 */
public enum ExitCode {
    OK(0),
    FAILED(1),
    USAGE(2),
    APPROVAL(3),
    INTERNAL(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The exit code of a failed call or gateway request with RTP error {@code type} and finer {@code reason}. */
    public static ExitCode forError(ErrorType type, String reason) {
        if (type == ErrorType.APPROVAL_REQUIRED || RigException.APPROVAL_EXPIRED.equals(reason)
                || "approval_denied".equals(reason)) {
            return APPROVAL;
        }
        return FAILED;
    }

    /** The exit code of an exception that escaped a command. */
    public static ExitCode forException(Throwable e) {
        if (e instanceof CommandFailure failure) {
            return failure.exitCode();
        }
        if (e instanceof RigException rig) {
            return forError(rig.type(), rig.reason());
        }
        return INTERNAL;
    }
}
