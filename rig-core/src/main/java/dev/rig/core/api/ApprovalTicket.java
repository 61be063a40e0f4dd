package dev.rig.core.api;

import dev.rig.spi.RiskClass;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The RTP {@code ApprovalRequired} payload: a call that waits for a human, and how to name it.
 *
 * <p>{@code args} are redacted (secret fields replaced), never the values that will run.
 */
public record ApprovalTicket(
        UUID token,
        String toolName,
        RiskClass riskClass,
        Map<String, Object> args,
        String tenantId,
        String actor,
        Instant requestedAt,
        Instant expiresAt) {

    public ApprovalTicket {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(toolName, "toolName");
        Objects.requireNonNull(riskClass, "riskClass");
        args = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
