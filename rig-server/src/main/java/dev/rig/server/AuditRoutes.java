package dev.rig.server;

import dev.rig.core.Gateway;
import dev.rig.core.wire.WireFormat;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** {@code POST /v1/audit/query}: a page of the audit log, newest first. */
final class AuditRoutes {

    private final Gateway gateway;
    private final long maxBodyBytes;

    AuditRoutes(Gateway gateway, long maxBodyBytes) {
        this.gateway = gateway;
        this.maxBodyBytes = maxBodyBytes;
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/audit/query", this::query);
    }

    private void query(Context ctx) {
        var query = AuditQueryBody.parse(JsonBody.readObject(ctx, maxBodyBytes), RgpHeaders.of(ctx));
        JsonReply.send(ctx, 200, WireFormat.auditPage(gateway.queryAudit(query)));
    }
}
