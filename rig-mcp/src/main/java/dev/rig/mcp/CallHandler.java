package dev.rig.mcp;

import dev.rig.core.Gateway;
import dev.rig.core.api.ApprovalTicket;
import dev.rig.core.api.CallRequest;
import dev.rig.core.api.Cancellation;
import dev.rig.core.api.RigException;
import dev.rig.core.api.ToolError;
import dev.rig.core.api.ToolResult;
import dev.rig.core.config.McpSettings;
import dev.rig.spi.ErrorType;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs an MCP {@code tools/call} through the gateway's pipeline (validation, policy, approvals,
 * secrets, retries, audit: exactly as over RGP) and turns the result into MCP's.
 *
 * <p>An approval-required call is answered with {@link ApprovalText}, or, when configured
 * ({@code mcp.approvals: elicitation}) and the client supports it, the user is asked through
 * elicitation: accept runs the held call once (audited with the approver), decline or cancel
 * denies it. Nothing runs without an approval either way.
 */
final class CallHandler {

    private static final Map<String, Object> APPROVAL_FORM = Map.of(
            "type", "object",
            "properties", Map.of("approve", Map.of("type", "boolean", "title", "Approve",
                    "description", "Run this call now")),
            "required", List.of("approve"));

    private final CompletableFuture<Gateway> opening;
    private final InFlightCalls inFlight;
    private final ApprovalText approvals;
    private final McpSettings.ApprovalMode mode;

    CallHandler(CompletableFuture<Gateway> opening, InFlightCalls inFlight, ApprovalText approvals,
                McpSettings.ApprovalMode mode) {
        this.opening = opening;
        this.inFlight = inFlight;
        this.approvals = approvals;
        this.mode = mode;
    }

    CallToolResult call(McpSchema.CallToolRequest request, Caller caller) {
        Gateway gateway = opening.join(); // a tool is listed, so callable, only once the gateway is open
        Map<String, Object> meta = request.meta() == null ? Map.of() : request.meta();
        String key = meta.get(InFlightCalls.CALL_KEY) instanceof String k ? k : null;
        Cancellation cancellation = inFlight.start(key);
        try {
            Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
            CallRequest call = new CallRequest(request.name(), args, caller.tenant(), null, caller.actor(), null,
                    caller.reporter(meta.get("progressToken")), cancellation);
            ToolResult result = gateway.call(call);
            if (!result.ok() && result.approval() != null && mode == McpSettings.ApprovalMode.ELICITATION) {
                Optional<CallToolResult> asked = askUser(gateway, result.approval(), caller);
                if (asked.isPresent()) {
                    return asked.get();
                }
            }
            return Results.of(result, approvals);
        } finally {
            inFlight.finish(key);
        }
    }

    private Optional<CallToolResult> askUser(Gateway gateway, ApprovalTicket ticket, Caller caller) {
        Optional<McpSchema.ElicitResult> answer;
        try {
            answer = caller.elicit(approvals.question(ticket), APPROVAL_FORM);
        } catch (RuntimeException e) { // no answer in time, or the client failed: the call stays held
            return Optional.empty();
        }
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        String approver = "user of " + caller.actor() + " (MCP elicitation)";
        McpSchema.ElicitResult result = answer.get();
        boolean approved = result.action() == McpSchema.ElicitResult.Action.ACCEPT && result.content() != null
                && Boolean.TRUE.equals(result.content().get("approve"));
        try {
            if (approved) {
                return Optional.of(Results.of(gateway.approve(ticket.token(), approver), approvals));
            }
            gateway.deny(ticket.token(), approver);
            return Optional.of(Results.error(new ToolError(ErrorType.PERMISSION_ERROR, "the user did not approve "
                    + ticket.toolName() + " (" + result.action().name().toLowerCase() + "); nothing ran",
                    false, null, List.of("call the tool again to ask once more"), null), ticket));
        } catch (RigException e) {
            return Optional.of(Results.error(new ToolError(e.type(), e.getMessage(), false, null, e.hints(), null),
                    ticket));
        }
    }
}
