package dev.rig.spi;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A tool call failed in a way the tool understood: the one exception type a tool throws.
 *
 * <p>The message must be safe to show to the caller (no secret, no stack trace).
 * {@code upstreamCode} is the vendor's own error code, {@code retryAfter} the vendor's hint of
 * when to try again (for {@code rate_limited}), and {@code hints} tell the caller what to check.
 * Anything else a tool throws is reported as {@code internal_error} with the pack named.
 */
public final class ToolException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorType type;
    private final boolean retryable;
    private final String upstreamCode;
    private final Duration retryAfter;
    private final List<String> hints;

    private ToolException(Builder builder) {
        super(builder.message, builder.cause);
        this.type = builder.type;
        this.retryable = builder.retryable;
        this.upstreamCode = builder.upstreamCode;
        this.retryAfter = builder.retryAfter;
        this.hints = List.copyOf(builder.hints);
    }

    /** A failure of {@code type} with a message safe to show. */
    public static ToolException of(ErrorType type, String message) {
        return builder(type, message).build();
    }

    /**
     * The RTP error type of an HTTP error status an upstream answered with: 400 and 422
     * {@code validation_error}, 401 {@code auth_error}, 403 {@code permission_error}, 404 and 410
     * {@code not_found}, 409 and 412 {@code conflict}, 429 {@code rate_limited}, 408 and 5xx
     * {@code transient}; any other status {@code upstream_error}.
     */
    public static ErrorType typeOfHttpStatus(int status) {
        return switch (status) {
            case 400, 422 -> ErrorType.VALIDATION_ERROR;
            case 401 -> ErrorType.AUTH_ERROR;
            case 403 -> ErrorType.PERMISSION_ERROR;
            case 404, 410 -> ErrorType.NOT_FOUND;
            case 409, 412 -> ErrorType.CONFLICT;
            case 429 -> ErrorType.RATE_LIMITED;
            case 408 -> ErrorType.TRANSIENT;
            default -> status >= 500 && status <= 599 ? ErrorType.TRANSIENT : ErrorType.UPSTREAM_ERROR;
        };
    }

    /**
     * Starts a failure for an upstream's HTTP error answer: the type from {@link #typeOfHttpStatus},
     * retryable as that type is ({@code auth_error} never).
     *
     * @param message the vendor's message, safe to show (no secret)
     */
    public static Builder forHttpStatus(int status, String message) {
        return builder(typeOfHttpStatus(status), message);
    }

    /** Starts a failure of {@code type}; retryable defaults to the type's own. */
    public static Builder builder(ErrorType type, String message) {
        return new Builder(type, message);
    }

    public ErrorType type() {
        return type;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The vendor's error code, or null. */
    public String upstreamCode() {
        return upstreamCode;
    }

    /** When the upstream asked to try again, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** What the caller can check or change. */
    public List<String> hints() {
        return hints;
    }

    /** Builds a {@link ToolException}; every setter returns the builder. */
    public static final class Builder {
        private final ErrorType type;
        private final String message;
        private boolean retryable;
        private String upstreamCode;
        private Duration retryAfter;
        private Throwable cause;
        private final List<String> hints = new ArrayList<>();

        private Builder(ErrorType type, String message) {
            this.type = Objects.requireNonNull(type, "type");
            this.message = Objects.requireNonNull(message, "message");
            this.retryable = type.retryable();
        }

        public Builder retryable(boolean value) {
            this.retryable = value;
            return this;
        }

        public Builder upstreamCode(String value) {
            this.upstreamCode = value;
            return this;
        }

        public Builder retryAfter(Duration value) {
            this.retryAfter = value;
            return this;
        }

        /**
         * Sets the retry delay from an HTTP {@code Retry-After} header: seconds, or an HTTP date
         * (RFC 1123) measured from now. A null, blank or unreadable value leaves it unset.
         */
        public Builder retryAfterHeader(String value) {
            if (value == null || value.isBlank()) {
                return this;
            }
            String text = value.strip();
            try {
                long seconds = Long.parseLong(text);
                return seconds >= 0 ? retryAfter(Duration.ofSeconds(seconds)) : this;
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    Duration wait = Duration.between(Instant.now(), at);
                    return retryAfter(wait.isNegative() ? Duration.ZERO : wait);
                } catch (DateTimeParseException notADate) {
                    return this;
                }
            }
        }

        public Builder hint(String value) {
            this.hints.add(value);
            return this;
        }

        public Builder cause(Throwable value) {
            this.cause = value;
            return this;
        }

        public ToolException build() {
            return new ToolException(this);
        }
    }
}
