package dev.rig.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.Gateway;
import dev.rig.core.wire.WireFormat;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/approvals}, {@code POST /v1/approvals/{token}:approve} and
 * {@code POST /v1/approvals/{token}:deny}. The approver is {@code X-RIG-Actor-ID}, or
 * {@code anonymous} when the header is absent.
 */
final class ApprovalRoutes {

    static final String ANONYMOUS = "anonymous";

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Gateway gateway;

    ApprovalRoutes(Gateway gateway) {
        this.gateway = gateway;
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/approvals", this::pending);
        routes.post("/v1/approvals/{target}", this::decide);
    }

    private void pending(Context ctx) {
        String tenant = ctx.queryParam("tenant_id");
        String tenantId = tenant != null ? WireFields.text("tenant_id", tenant) : RgpHeaders.of(ctx).tenantId();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode approvals = body.putArray("approvals");
        gateway.pendingApprovals(tenantId).forEach(ticket -> approvals.add(WireFormat.approval(ticket)));
        JsonReply.send(ctx, 200, body);
    }

    private void decide(Context ctx) {
        ActionPath path = ActionPath.parse(ctx.pathParam("target"));
        if (!path.is("approve") && !path.is("deny")) {
            throw FailureResponses.noRoute(ctx);
        }
        UUID token = token(path.subject());
        String actor = RgpHeaders.of(ctx).actor();
        String approver = actor != null ? actor : ANONYMOUS;
        if (path.is("approve")) {
            JsonReply.send(ctx, 200, WireFormat.result(gateway.approve(token, approver)));
        } else {
            JsonReply.send(ctx, 200, WireFormat.denial(gateway.deny(token, approver)));
        }
    }

    private static UUID token(String text) {
        if (!UUID_TEXT.matcher(text).matches()) {
            throw WireFields.invalid("token must be a UUID such as 123e4567-e89b-42d3-a456-426614174000, got '"
                    + WireFields.shorten(text) + "'", "GET /v1/approvals lists the pending approvals and their tokens");
        }
        return UUID.fromString(text);
    }
}
