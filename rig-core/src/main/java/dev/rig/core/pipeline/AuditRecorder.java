package dev.rig.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.audit.AuditEvent;
import dev.rig.core.audit.AuditLog;
import dev.rig.core.audit.Outcome;
import dev.rig.core.json.CanonicalJson;
import dev.rig.core.json.Json;
import dev.rig.core.registry.RegisteredTool;
import java.time.InstantSource;
import java.util.Set;

/**
 * {@code audit}: records every call, whatever its outcome, and waits until the record is durable.
 * Args are stored redacted; the input hash is over the exact args. A call that runs an approved,
 * held call records its approver (the approval's {@code decidedBy}) next to the requester as actor.
 */
final class AuditRecorder {

    private final AuditLog log;
    private final InstantSource clock;

    AuditRecorder(AuditLog log, InstantSource clock) {
        this.log = log;
        this.clock = clock;
    }

    void record(Call call, CallFailure failure) {
        RegisteredTool tool = call.tool();
        Set<String> secretFields = tool == null ? Set.of() : tool.secretFields();
        JsonNode exact = call.argsNode() != null ? call.argsNode() : Json.toTree(call.request().args());
        String exactJson = CanonicalJson.write(exact);
        String inputHash = CanonicalJson.sha256Hex(exactJson);
        boolean nothingToRedact = secretFields.isEmpty() && (call.secrets() == null || !call.secrets().values()
                .iterator().hasNext());
        String argsJson = nothingToRedact ? exactJson : CanonicalJson.write(Json.toTree(
                Redaction.args(call.request().args(), secretFields, call.secrets())));
        Outcome outcome = failure == null ? Outcome.OK : failure.outcome();
        long durationMs = (System.nanoTime() - call.startNanos()) / 1_000_000;
        log.append(new AuditEvent(clock.instant(), call.context().tenantId(), call.context().actor(),
                call.correlationId(), call.request().toolName(), inputHash, argsJson, outcome, durationMs,
                failure == null ? null : failure.type().wireName(), call.authMarker(),
                tool == null ? null : tool.pack().id(), tool == null ? null : tool.pack().version(),
                tool == null ? null : call.snapshot().interfaceHash(),
                call.approval() != null ? call.approval().token().toString()
                        : failure != null && failure.ticket() != null ? failure.ticket().token().toString() : null,
                call.approval() != null ? call.approval().decidedBy() : null));
    }
}
