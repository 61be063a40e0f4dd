package dev.rig.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.api.CallRequest;
import dev.rig.core.approval.Approval;
import dev.rig.core.registry.RegisteredTool;
import dev.rig.core.registry.Snapshot;
import dev.rig.spi.CallContext;
import dev.rig.spi.Secrets;
import java.util.Map;

/**
 * The state of one call as it moves through the stages: immutable, each stage returns a copy
 * with what it added. Fields after {@code approval} are null until the stage that fills them.
 *
 * <p>{@code approval} is the approved record when this call runs an approved, held call.
 */
public record Call(
        CallRequest request,
        Snapshot snapshot,
        String correlationId,
        CallContext context,
        long startNanos,
        Approval approval,
        RegisteredTool tool,
        JsonNode argsNode,
        Secrets secrets,
        String authMarker,
        Map<String, Object> output) {

    public Call withTool(RegisteredTool value) {
        return new Call(request, snapshot, correlationId, context, startNanos, approval, value, argsNode, secrets,
                authMarker, output);
    }

    public Call withArgs(JsonNode value) {
        return new Call(request, snapshot, correlationId, context, startNanos, approval, tool, value, secrets,
                authMarker, output);
    }

    public Call withSecrets(Secrets value, String marker) {
        return new Call(request, snapshot, correlationId, context, startNanos, approval, tool, argsNode, value, marker,
                output);
    }

    public Call withOutput(Map<String, Object> value) {
        return new Call(request, snapshot, correlationId, context, startNanos, approval, tool, argsNode, secrets,
                authMarker, value);
    }

    /** Never prints args, secrets or output. */
    @Override
    public String toString() {
        return "Call[" + request.toolName() + ", " + correlationId + "]";
    }
}
