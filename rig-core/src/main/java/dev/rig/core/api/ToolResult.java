package dev.rig.core.api;

import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one call: an RTP {@code ToolResult}.
 *
 * <p>Exactly one of {@code output} (when {@code ok}) and {@code error} is set. {@code approval} is
 * set only when the error is {@code approval_required}. {@code pack}, {@code packVersion} and
 * {@code interfaceHash} are null only when the tool could not be resolved.
 */
public record ToolResult(
        boolean ok,
        Map<String, Object> output,
        ToolError error,
        String correlationId,
        String pack,
        String packVersion,
        String interfaceHash,
        String packSetVersion,
        ApprovalTicket approval) {

    public ToolResult {
        Objects.requireNonNull(correlationId, "correlationId");
        if (ok == (error != null)) {
            throw new IllegalArgumentException("a result has an error exactly when it is not ok");
        }
        if (ok) {
            Objects.requireNonNull(output, "output");
        }
    }
}
