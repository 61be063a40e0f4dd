package dev.rig.core.api;

import dev.rig.spi.ErrorType;
import java.util.List;
import java.util.Objects;

/**
 * Why a call failed, as the caller sees it: an RTP {@code ToolError}.
 *
 * <p>{@code message} is safe to show; {@code upstreamCode} is the vendor's code or null.
 */
public record ToolError(
        ErrorType type,
        String message,
        boolean retryable,
        String upstreamCode,
        List<String> remediationHints,
        String correlationId) {

    public ToolError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
        remediationHints = List.copyOf(remediationHints == null ? List.of() : remediationHints);
    }
}
