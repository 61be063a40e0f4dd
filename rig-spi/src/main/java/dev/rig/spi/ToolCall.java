package dev.rig.spi;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One invocation of a tool, as the tool sees it.
 *
 * <p>{@code args} is the validated input: parsed JSON as {@code Map}, {@code List}, {@code String},
 * {@code Number}, {@code Boolean} or null. {@code correlationId} identifies the call end to end;
 * {@code idempotencyKey} is stable across the retries of one call (and across an approval), so a
 * tool may send it to an upstream that honours one. {@code deadline} is when the gateway gives up;
 * the invoking thread is interrupted then (and when the caller cancels the call). {@code attempt}
 * starts at 1. {@code reporter} takes progress and log messages for the caller.
 */
public record ToolCall(
        String toolName,
        Map<String, Object> args,
        CallContext context,
        String correlationId,
        String idempotencyKey,
        Secrets secrets,
        Instant deadline,
        int attempt,
        CallReporter reporter) {

    public ToolCall {
        Objects.requireNonNull(toolName, "toolName");
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(deadline, "deadline");
        reporter = reporter == null ? CallReporter.NONE : reporter;
        args = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
    }

    /** A call with nobody listening to its progress ({@link CallReporter#NONE}). */
    public ToolCall(String toolName, Map<String, Object> args, CallContext context, String correlationId,
                    String idempotencyKey, Secrets secrets, Instant deadline, int attempt) {
        this(toolName, args, context, correlationId, idempotencyKey, secrets, deadline, attempt, CallReporter.NONE);
    }

    /** Reports progress to the caller; see {@link CallReporter#progress}. */
    public void progress(double done, Double total, String message) {
        reporter.progress(done, total, message);
    }

    /** Sends a log message to the caller; see {@link CallReporter#log}. */
    public void log(LogLevel level, String message) {
        reporter.log(level, message);
    }

    /** A string argument, or null when absent. */
    public String string(String name) {
        Object value = args.get(name);
        return value == null ? null : value.toString();
    }

    @Override
    public String toString() {
        return "ToolCall[" + toolName + ", correlationId=" + correlationId + ", attempt=" + attempt + "]";
    }
}
