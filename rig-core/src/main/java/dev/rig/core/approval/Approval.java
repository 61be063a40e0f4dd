package dev.rig.core.approval;

import dev.rig.spi.RiskClass;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A call held for a human decision, stored so that a restart loses none.
 *
 * <p>{@code argsJson} is the exact call to run on approval (canonical JSON) and
 * {@code argsSha256} its hash, checked again before it runs; {@code redactedArgsJson} is what is
 * shown to people. {@code correlationId} is the held call's, reused when it runs, so the tool's
 * idempotency key is the same. {@code decidedBy}/{@code decidedAt} are null while pending.
 */
public record Approval(
        UUID token,
        String toolName,
        RiskClass riskClass,
        String argsJson,
        String redactedArgsJson,
        String argsSha256,
        String tenantId,
        String actor,
        String requestId,
        String correlationId,
        Instant requestedAt,
        Instant expiresAt,
        ApprovalStatus status,
        String decidedBy,
        Instant decidedAt) {

    public Approval {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(toolName, "toolName");
        Objects.requireNonNull(riskClass, "riskClass");
        Objects.requireNonNull(argsJson, "argsJson");
        Objects.requireNonNull(redactedArgsJson, "redactedArgsJson");
        Objects.requireNonNull(argsSha256, "argsSha256");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(status, "status");
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Args are never printed: they may hold secrets. */
    @Override
    public String toString() {
        return "Approval[" + token + ", " + toolName + ", " + status + "]";
    }
}
