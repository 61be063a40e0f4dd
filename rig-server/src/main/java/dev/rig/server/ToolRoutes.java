package dev.rig.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rig.core.Gateway;
import dev.rig.core.api.RigException;
import dev.rig.core.api.ToolResult;
import dev.rig.core.wire.WireFormat;
import dev.rig.spi.ErrorType;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code GET /v1/tools}, {@code GET /v1/tools/{name}} and {@code POST /v1/tools/{name}:call}.
 *
 * <p>A call always answers 200 with its ToolResult, {@code ok=false} included, except a tool that
 * does not exist: 404 with the same ToolResult.
 */
final class ToolRoutes {

    private static final String LIST_HINT = "GET /v1/tools lists the tools";

    private final Gateway gateway;
    private final long maxBodyBytes;

    ToolRoutes(Gateway gateway, long maxBodyBytes) {
        this.gateway = gateway;
        this.maxBodyBytes = maxBodyBytes;
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/tools", this::list);
        routes.get("/v1/tools/{name}", this::describe);
        routes.post("/v1/tools/{target}", this::call);
    }

    private void list(Context ctx) {
        ArrayNode tools = JsonNodeFactory.instance.arrayNode();
        gateway.tools().forEach(tools::add);
        JsonReply.send(ctx, 200, tools);
    }

    private void describe(Context ctx) {
        String name = ctx.pathParam("name");
        JsonReply.send(ctx, 200, gateway.tool(name).orElseThrow(() -> new RigException(ErrorType.NOT_FOUND,
                "no tool named '" + WireFields.shorten(name) + "'", LIST_HINT)));
    }

    private void call(Context ctx) {
        ActionPath path = ActionPath.parse(ctx.pathParam("target"));
        if (!path.is("call")) {
            throw FailureResponses.noRoute(ctx);
        }
        var request = CallBody.parse(path.subject(), JsonBody.readObject(ctx, maxBodyBytes), RgpHeaders.of(ctx));
        ToolResult result = gateway.call(request);
        if (!result.correlationId().equals(request.correlationId())) {
            RgpHeaders.useCorrelationId(ctx, result.correlationId());
        }
        JsonReply.send(ctx, unknownTool(result) ? 404 : 200, WireFormat.result(result));
    }

    /** A tool that could not be resolved: {@code not_found} with no pack (a tool's own not_found names its pack). */
    private static boolean unknownTool(ToolResult result) {
        return !result.ok() && result.error().type() == ErrorType.NOT_FOUND && result.pack() == null;
    }
}
