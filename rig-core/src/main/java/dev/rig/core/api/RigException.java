package dev.rig.core.api;

import dev.rig.spi.ErrorType;
import java.util.List;

/**
 * A request to the gateway itself failed (unknown approval token, bad query, broken config):
 * carries an RTP error type, a message safe to show, and hints on how to fix it.
 *
 * <p>Each edge maps it through its own table (HTTP status, MCP error, CLI exit code).
 */
public final class RigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The reason code of an approval that expired before it was decided (HTTP 410). */
    public static final String APPROVAL_EXPIRED = "approval_expired";

    private final ErrorType type;
    private final List<String> hints;
    private final String reason;

    public RigException(ErrorType type, String message, String... hints) {
        this(type, null, message, null, hints);
    }

    public RigException(ErrorType type, String message, Throwable cause, String... hints) {
        this(type, null, message, cause, hints);
    }

    private RigException(ErrorType type, String reason, String message, Throwable cause, String... hints) {
        super(message, cause);
        this.type = type;
        this.reason = reason;
        this.hints = List.of(hints);
    }

    /** An error with a finer reason code than its type, such as {@link #APPROVAL_EXPIRED}. */
    public static RigException withReason(ErrorType type, String reason, String message, String... hints) {
        return new RigException(type, reason, message, null, hints);
    }

    /** The finer reason code, or null. */
    public String reason() {
        return reason;
    }

    public ErrorType type() {
        return type;
    }

    public List<String> hints() {
        return hints;
    }
}
