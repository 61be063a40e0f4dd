package dev.rig.core.api;

import java.util.Map;
import java.util.Objects;

/**
 * A call as an edge hands it to the gateway: the tool, its arguments as parsed JSON, and whatever
 * context the caller gave. Null context fields are filled by the gateway (tenant {@code default},
 * a new correlation id, request id = correlation id, actor {@code anonymous}).
 */
public record CallRequest(
        String toolName,
        Map<String, Object> args,
        String tenantId,
        String requestId,
        String actor,
        String correlationId) {

    public CallRequest {
        Objects.requireNonNull(toolName, "toolName");
        args = args == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
    }

    /** A call with only a tool and arguments. */
    public static CallRequest of(String toolName, Map<String, Object> args) {
        return new CallRequest(toolName, args, null, null, null, null);
    }
}
