package dev.rig.core.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.api.ApprovalTicket;
import dev.rig.core.api.Denial;
import dev.rig.core.api.RigException;
import dev.rig.core.api.ToolError;
import dev.rig.core.api.ToolResult;
import dev.rig.core.audit.AuditEntry;
import dev.rig.core.audit.AuditEvent;
import dev.rig.core.audit.AuditPage;
import dev.rig.core.audit.ChainVerification;
import dev.rig.core.registry.PackInfo;
import dev.rig.core.registry.Snapshot;
import dev.rig.core.json.Json;

/**
 * The RTP/RGP JSON form of the gateway's values, in one place, so HTTP, MCP and the CLI print
 * exactly the same fields (snake_case, timestamps ISO-8601 UTC).
 */
public final class WireFormat {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WireFormat() {}

    public static ObjectNode result(ToolResult result) {
        ObjectNode node = NODES.objectNode();
        node.put("ok", result.ok());
        node.set("output", result.output() == null ? NODES.nullNode() : Json.toTree(result.output()));
        node.set("error", result.error() == null ? NODES.nullNode() : error(result.error()));
        node.put("correlation_id", result.correlationId());
        node.put("pack", result.pack());
        node.put("pack_version", result.packVersion());
        node.put("interface_hash", result.interfaceHash());
        node.put("pack_set_version", result.packSetVersion());
        node.set("approval", result.approval() == null ? NODES.nullNode() : approval(result.approval()));
        return node;
    }

    public static ObjectNode error(ToolError error) {
        ObjectNode node = NODES.objectNode();
        node.put("type", error.type().wireName());
        node.put("message", error.message());
        node.put("retryable", error.retryable());
        node.put("upstream_code", error.upstreamCode());
        ArrayNode hints = node.putArray("remediation_hints");
        error.remediationHints().forEach(hints::add);
        node.put("correlation_id", error.correlationId());
        return node;
    }

    /** A gateway error (not a tool's) as an RTP ToolError. */
    public static ObjectNode error(RigException e, String correlationId) {
        return error(new ToolError(e.type(), e.getMessage(), false, null, e.hints(), correlationId));
    }

    public static ObjectNode approval(ApprovalTicket ticket) {
        ObjectNode node = NODES.objectNode();
        node.put("token", ticket.token().toString());
        node.put("tool_name", ticket.toolName());
        node.put("risk_class", ticket.riskClass().wireName());
        node.set("args", Json.toTree(ticket.args()));
        node.put("tenant_id", ticket.tenantId());
        node.put("actor", ticket.actor());
        node.put("requested_at", ticket.requestedAt().toString());
        node.put("expires_at", ticket.expiresAt().toString());
        return node;
    }

    public static ObjectNode denial(Denial denial) {
        ObjectNode node = NODES.objectNode();
        node.put("denied", true);
        node.put("token", denial.token().toString());
        node.put("denied_by", denial.deniedBy());
        return node;
    }

    public static ObjectNode auditEntry(AuditEntry entry) {
        AuditEvent e = entry.event();
        ObjectNode node = NODES.objectNode();
        node.put("seq", entry.seq());
        node.put("timestamp", e.timestamp().toString());
        node.put("tenant_id", e.tenantId());
        node.put("actor", e.actor());
        node.put("run_id", e.runId());
        node.put("tool", e.tool());
        node.put("input_hash", e.inputHash());
        try {
            node.set("args", e.argsJson() == null ? NODES.nullNode() : Json.parse(e.argsJson()));
        } catch (JsonProcessingException ex) {
            node.put("args", e.argsJson());
        }
        node.put("outcome", e.outcome().wireName());
        node.put("duration_ms", e.durationMs());
        node.put("error_type", e.errorType());
        node.put("redacted_auth_marker", e.redactedAuthMarker());
        node.put("pack", e.pack());
        node.put("pack_version", e.packVersion());
        node.put("interface_hash", e.interfaceHash());
        node.put("approval_token", e.approvalToken());
        node.put("approver", e.approver());
        node.put("prev_hash", entry.prevHash());
        node.put("hash", entry.hash());
        return node;
    }

    public static ObjectNode auditPage(AuditPage page) {
        ObjectNode node = NODES.objectNode();
        ArrayNode entries = node.putArray("entries");
        page.entries().forEach(entry -> entries.add(auditEntry(entry)));
        node.put("total", page.total());
        node.put("has_more", page.hasMore());
        if (page.nextBeforeSeq() == null) {
            node.putNull("next_before_seq");
        } else {
            node.put("next_before_seq", page.nextBeforeSeq());
        }
        return node;
    }

    public static ObjectNode verification(ChainVerification verification) {
        ObjectNode node = NODES.objectNode();
        node.put("intact", verification.intact());
        node.put("checked", verification.checked());
        ArrayNode problems = node.putArray("problems");
        for (ChainVerification.Problem problem : verification.problems()) {
            problems.addObject().put("seq", problem.seq()).put("description", problem.description());
        }
        return node;
    }

    public static ObjectNode snapshot(Snapshot snapshot) {
        ObjectNode node = NODES.objectNode();
        node.put("id", snapshot.id());
        node.put("interface_hash", snapshot.interfaceHash());
        node.put("pack_set_version", snapshot.packSetVersion());
        node.put("created_at", snapshot.createdAt().toString());
        node.put("tool_count", snapshot.tools().size());
        ArrayNode packs = node.putArray("packs");
        for (PackInfo pack : snapshot.packs()) {
            packs.addObject().put("id", pack.id()).put("version", pack.version())
                    .put("description", pack.description()).put("source", pack.source())
                    .put("tools", snapshot.toolCount(pack.id()));
        }
        ArrayNode problems = node.putArray("problems");
        snapshot.problems().forEach(p -> problems.addObject().put("pack", p.packId()).put("source", p.source())
                .put("message", p.message()));
        return node;
    }
}
