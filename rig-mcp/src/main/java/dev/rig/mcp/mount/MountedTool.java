package dev.rig.mcp.mount;

import dev.rig.core.registry.BlockableTool;
import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * A tool of a mounted server as a RIG tool: each call goes to the server (started first if needed)
 * as {@code tools/call}, and its result comes back as the tool's output or a {@link ToolException}.
 *
 * <p>The call waits on a future, so the pipeline's deadline (an interrupt) ends it at once even when
 * the server hangs; a server that dies during the call fails it {@code transient} immediately.
 * A tool whose served definition no longer matches its pin is refused {@code policy_blocked} at the
 * call too, so a change noticed between two snapshots is never run.
 */
final class MountedTool implements BlockableTool {

    /** Where RIG puts a call's context for its Node runner (never sent to other servers: it holds secrets). */
    static final String CONTEXT_META = "dev.rig/context";
    /** Where the Node runner puts a pack's typed error. */
    static final String ERROR_META = "dev.rig/error";

    private final ServerMount server;
    private final String servedName;
    private final ToolDef definition;
    private final boolean structured;
    private final Map<String, Object> settings;

    MountedTool(ServerMount server, ServedTool served, Map<String, Object> settings) {
        this.server = server;
        this.servedName = served.name();
        this.definition = served.toolDef(server.settings(), server.nodePack());
        this.structured = served.structured();
        this.settings = settings;
    }

    @Override
    public ToolDef definition() {
        return definition;
    }

    @Override
    public Optional<Block> block() {
        return server.block(servedName);
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        ServerMount.Session session = server.session();
        Optional<Block> blocked = server.block(servedName);
        if (blocked.isPresent()) {
            throw ToolException.builder(ErrorType.POLICY_BLOCKED, "tool " + definition.name() + " is blocked by "
                    + blocked.get().reason()).hint(blocked.get().remedy()).build();
        }
        CompletableFuture<McpSchema.CallToolResult> pending = session.client()
                .callTool(new McpSchema.CallToolRequest(servedName, call.args(), meta(call))).toFuture();
        McpSchema.CallToolResult result;
        try {
            result = pending.get();
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (!(cause instanceof McpError) && !(cause instanceof TimeoutException)) {
                server.lost(session, String.valueOf(cause.getMessage()));
            }
            throw failure(cause);
        }
        server.succeeded();
        return ServedResult.output(result, structured, definition.name(), server);
    }

    private Map<String, Object> meta(ToolCall call) {
        if (!server.nodePack()) {
            return null;
        }
        Map<String, Object> auth = new LinkedHashMap<>();
        for (String slot : definition.authSlots()) {
            call.secrets().get(slot).ifPresent(value -> auth.put(slot, value));
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("tenant_id", call.context().tenantId());
        context.put("request_id", call.context().requestId());
        context.put("actor", call.context().actor());
        context.put("correlation_id", call.correlationId());
        context.put("idempotency_key", call.idempotencyKey());
        context.put("attempt", call.attempt());
        context.put("auth", auth);
        context.put("settings", settings);
        return Map.of(CONTEXT_META, context);
    }

    private ToolException failure(Throwable cause) {
        String server = this.server.id();
        if (cause instanceof McpError error && error.getJsonRpcError() != null) {
            int code = error.getJsonRpcError().code();
            String message = this.server.mask(error.getJsonRpcError().message());
            ErrorType type = switch (code) {
                case McpSchema.ErrorCodes.INVALID_PARAMS -> ErrorType.VALIDATION_ERROR;
                case McpSchema.ErrorCodes.METHOD_NOT_FOUND -> ErrorType.NOT_FOUND;
                default -> ErrorType.UPSTREAM_ERROR;
            };
            return ToolException.builder(type, "MCP server " + server + " refused " + servedName + ": " + message)
                    .upstreamCode(String.valueOf(code)).build();
        }
        if (cause instanceof TimeoutException) {
            return ToolException.of(ErrorType.TIMEOUT, "MCP server " + server + " did not answer " + servedName);
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return ToolException.builder(ErrorType.TRANSIENT, "MCP server " + server + " failed during " + servedName
                        + ": " + this.server.mask(message))
                .hint("RIG restarts a server that exits; see the gateway log for its stderr")
                .build();
    }

}
