package dev.rig.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.audit.AuditQuery;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * The body of {@code POST /v1/audit/query} as an {@link AuditQuery}: every member optional, null
 * meaning no filter. A missing {@code tenant_id} is filled from {@code X-RIG-Tenant-ID}.
 */
final class AuditQueryBody {

    private static final Set<String> MEMBERS = Set.of("start_time", "end_time", "tenant_id", "actor", "tool_name",
            "ok", "run_id", "limit", "before_seq");

    private AuditQueryBody() {}

    /** @throws dev.rig.core.api.RigException {@code validation_error} naming the member that is wrong */
    static AuditQuery parse(ObjectNode body, RgpHeaders headers) {
        WireFields.rejectUnknown(body, MEMBERS, "the audit query");
        Instant start = instant(body, "start_time");
        Instant end = instant(body, "end_time");
        if (start != null && end != null && start.isAfter(end)) {
            throw WireFields.invalid("start_time " + start + " is after end_time " + end);
        }
        String tenantId = WireFields.optionalText(body, "tenant_id", "tenant_id");
        return new AuditQuery(start, end,
                tenantId != null ? tenantId : headers.tenantId(),
                WireFields.optionalText(body, "actor", "actor"),
                WireFields.optionalText(body, "tool_name", "tool_name"),
                bool(body, "ok"),
                WireFields.optionalText(body, "run_id", "run_id"),
                limit(body),
                beforeSeq(body));
    }

    private static Instant instant(ObjectNode body, String key) {
        JsonNode node = body.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        String expected = key + " must be an ISO-8601 timestamp such as 2026-01-31T12:00:00Z";
        if (!node.isTextual()) {
            throw WireFields.invalid(expected + ", got " + WireFields.kind(node));
        }
        try {
            return Instant.parse(node.textValue());
        } catch (DateTimeParseException e) {
            throw WireFields.invalid(expected + ", got '" + WireFields.shorten(node.textValue()) + "'");
        }
    }

    private static Boolean bool(ObjectNode body, String key) {
        JsonNode node = body.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw WireFields.invalid(key + " must be true or false, got " + WireFields.kind(node));
        }
        return node.booleanValue();
    }

    private static int limit(ObjectNode body) {
        JsonNode node = body.get("limit");
        if (node == null || node.isNull()) {
            return AuditQuery.DEFAULT_LIMIT;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()
                || node.intValue() < 1 || node.intValue() > AuditQuery.MAX_LIMIT) {
            throw WireFields.invalid("limit must be an integer 1.." + AuditQuery.MAX_LIMIT + ", got " + node);
        }
        return node.intValue();
    }

    private static Long beforeSeq(ObjectNode body) {
        JsonNode node = body.get("before_seq");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 1) {
            throw WireFields.invalid("before_seq must be a positive integer (the seq of the last entry of the"
                    + " previous page), got " + WireFields.shorten(node.toString()),
                    "use next_before_seq of the previous page");
        }
        return node.longValue();
    }
}
