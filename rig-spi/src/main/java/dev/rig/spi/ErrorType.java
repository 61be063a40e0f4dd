package dev.rig.spi;

import java.util.Locale;

/** The RTP error taxonomy: every failed call carries exactly one of these. */
public enum ErrorType {
    VALIDATION_ERROR(false),
    AUTH_ERROR(false),
    PERMISSION_ERROR(false),
    NOT_FOUND(false),
    CONFLICT(false),
    RATE_LIMITED(true),
    TRANSIENT(true),
    TIMEOUT(true),
    UPSTREAM_ERROR(false),
    POLICY_BLOCKED(false),
    APPROVAL_REQUIRED(false),
    INTERNAL_ERROR(false);

    private final boolean retryable;

    ErrorType(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether a call failing with this type may be tried again (subject to the tool's idempotency). */
    public boolean retryable() {
        return retryable;
    }

    /** The snake_case name used on the wire ({@code validation_error}, ...). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name.
     *
     * @throws IllegalArgumentException when {@code value} is not one of the twelve types
     */
    public static ErrorType fromWire(String value) {
        for (ErrorType type : values()) {
            if (type.wireName().equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown error type '" + value + "'");
    }
}
