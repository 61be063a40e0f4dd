package dev.rig.cli;

import java.util.List;

/**
 * A command could not do its job for a reason the user can act on: a one-line message, the
 * {@link ExitCode} to leave with, the RTP error type when there is one, and hints.
 */
final class CommandFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;
    private final String type;
    private final List<String> hints;

    CommandFailure(ExitCode exitCode, String type, String message, List<String> hints) {
        super(message);
        this.exitCode = exitCode;
        this.type = type;
        this.hints = List.copyOf(hints);
    }

    /** The command failed (exit 1). */
    static CommandFailure failed(String message, String... hints) {
        return new CommandFailure(ExitCode.FAILED, null, message, List.of(hints));
    }

    /** The command line was wrong in a way picocli cannot see, such as malformed JSON (exit 2). */
    static CommandFailure usage(String message, String... hints) {
        return new CommandFailure(ExitCode.USAGE, null, message, List.of(hints));
    }

    ExitCode exitCode() {
        return exitCode;
    }

    /** The RTP error type (such as {@code not_found}), or null when the failure is the CLI's own. */
    String type() {
        return type;
    }

    List<String> hints() {
        return hints;
    }
}
