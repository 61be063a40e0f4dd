package dev.rig.core.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One call as the audit log records it; the original's {@code audit_events} row plus actor and
 * approval token.
 *
 * <p>{@code argsJson} is the canonical JSON of the redacted args (secret fields replaced by
 * {@code "[redacted]"}); {@code inputHash} is the sha256 of the canonical JSON of the exact args.
 * {@code redactedAuthMarker} names the secrets used ({@code env:STRIPE_API_KEY}), never their
 * values. Optional fields are null when they do not apply.
 */
public record AuditEvent(
        Instant timestamp,
        String tenantId,
        String actor,
        String runId,
        String tool,
        String inputHash,
        String argsJson,
        Outcome outcome,
        long durationMs,
        String errorType,
        String redactedAuthMarker,
        String pack,
        String packVersion,
        String interfaceHash,
        String approvalToken) {

    public AuditEvent {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(outcome, "outcome");
    }
}
