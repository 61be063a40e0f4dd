package dev.rig.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.api.CallRequest;
import dev.rig.core.json.Json;
import java.util.Map;
import java.util.Set;

/**
 * The body of {@code POST /v1/tools/{name}:call}, {@code {"args": {...}, "context": {...}}}, as a
 * {@link CallRequest}. A context field the body leaves out is filled from the RGP headers; the body
 * wins when both are given.
 */
final class CallBody {

    private static final Set<String> MEMBERS = Set.of("args", "context");
    private static final Set<String> CONTEXT_MEMBERS = Set.of("tenant_id", "request_id", "actor");
    private static final String SHAPE = "send {\"args\": {...}, \"context\": {\"tenant_id\": ..., \"actor\": ...}}";

    private CallBody() {}

    /** @throws dev.rig.core.api.RigException {@code validation_error} naming the field that is wrong */
    static CallRequest parse(String toolName, ObjectNode body, RgpHeaders headers) {
        WireFields.rejectUnknown(body, MEMBERS, "the call body");
        Map<String, Object> args = Json.toMap(object(body, "args"));
        ObjectNode context = object(body, "context");
        WireFields.rejectUnknown(context, CONTEXT_MEMBERS, "context");
        String tenantId = WireFields.optionalText(context, "tenant_id", "context.tenant_id");
        String requestId = WireFields.optionalText(context, "request_id", "context.request_id");
        String actor = WireFields.optionalText(context, "actor", "context.actor");
        return new CallRequest(toolName, args,
                tenantId != null ? tenantId : headers.tenantId(),
                requestId,
                actor != null ? actor : headers.actor(),
                headers.correlationId());
    }

    private static ObjectNode object(ObjectNode body, String key) {
        JsonNode node = body.get(key);
        if (node == null || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!(node instanceof ObjectNode object)) {
            throw WireFields.invalid(key + " must be a JSON object, got " + WireFields.kind(node), SHAPE);
        }
        return object;
    }
}
