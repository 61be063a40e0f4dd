package dev.rig.core.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One call as the audit log records it; the original's {@code audit_events} row plus actor,
 * approval token and approver.
 *
 * <p>{@code argsJson} is the canonical JSON of the redacted args (secret fields replaced by
 * {@code "[redacted]"}); {@code inputHash} is the sha256 of the canonical JSON of the exact args.
 * {@code redactedAuthMarker} names the secrets used ({@code env:STRIPE_API_KEY}), never their
 * values. {@code approver} is who approved the held call this event runs, or who denied it (the
 * approval's {@code decidedBy}). Optional fields are null when they do not apply.
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
        String approvalToken,
        String approver) {

    public AuditEvent {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** An event without an approver. */
    public AuditEvent(Instant timestamp, String tenantId, String actor, String runId, String tool, String inputHash,
            String argsJson, Outcome outcome, long durationMs, String errorType, String redactedAuthMarker,
            String pack, String packVersion, String interfaceHash, String approvalToken) {
        this(timestamp, tenantId, actor, runId, tool, inputHash, argsJson, outcome, durationMs, errorType,
                redactedAuthMarker, pack, packVersion, interfaceHash, approvalToken, null);
    }
}
