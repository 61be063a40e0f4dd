package dev.rig.core.api;

import dev.rig.spi.CallReporter;
import java.util.Map;
import java.util.Objects;

/**
 * A call as an edge hands it to the gateway: the tool, its arguments as parsed JSON, and whatever
 * context the caller gave. Null context fields are filled by the gateway (tenant {@code default},
 * a new correlation id, request id = correlation id, actor {@code anonymous}).
 *
 * <p>{@code reporter} receives the tool's progress and log messages (null: dropped);
 * {@code cancellation} lets the edge cancel the call (null: it cannot be cancelled).
 */
public record CallRequest(
        String toolName,
        Map<String, Object> args,
        String tenantId,
        String requestId,
        String actor,
        String correlationId,
        CallReporter reporter,
        Cancellation cancellation) {

    public CallRequest {
        Objects.requireNonNull(toolName, "toolName");
        reporter = reporter == null ? CallReporter.NONE : reporter;
        args = args == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
    }

    /** A call that reports nowhere and cannot be cancelled. */
    public CallRequest(String toolName, Map<String, Object> args, String tenantId, String requestId, String actor,
                       String correlationId) {
        this(toolName, args, tenantId, requestId, actor, correlationId, null, null);
    }

    /** A call with only a tool and arguments. */
    public static CallRequest of(String toolName, Map<String, Object> args) {
        return new CallRequest(toolName, args, null, null, null, null);
    }

    /** This call, reporting to {@code value} and cancellable through {@code cancel}. */
    public CallRequest with(CallReporter value, Cancellation cancel) {
        return new CallRequest(toolName, args, tenantId, requestId, actor, correlationId, value, cancel);
    }
}
