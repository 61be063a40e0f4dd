package dev.rig.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rig.core.Gateway;
import dev.rig.core.api.RigException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.snapshot.Routing;
import dev.rig.core.snapshot.SnapshotStore;
import dev.rig.core.wire.RolloutWire;
import dev.rig.core.wire.WireFormat;
import dev.rig.spi.ErrorType;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /v1/health}, {@code GET /v1/snapshot} (the active snapshot, with the roles and the canary's
 * metrics), {@code POST /v1/snapshot/promote}, {@code POST /v1/snapshot/rollback}, {@code POST /v1/reload}
 * and {@code GET /v1/openapi.yaml}.
 */
final class SystemRoutes {

    /** The RGP OpenAPI document, on the class path next to this class. */
    static final String OPENAPI_RESOURCE = "rgp.openapi.yaml";

    private final Gateway gateway;
    private final byte[] openApi;

    SystemRoutes(Gateway gateway) {
        this.gateway = gateway;
        this.openApi = readOpenApi();
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/health", this::health);
        routes.get("/v1/snapshot", this::snapshot);
        routes.post("/v1/snapshot/promote", this::promote);
        routes.post("/v1/snapshot/rollback", this::rollback);
        routes.post("/v1/reload", this::reload);
        routes.get("/v1/openapi.yaml", this::openApi);
    }

    private void health(Context ctx) {
        JsonReply.send(ctx, 200, JsonNodeFactory.instance.objectNode().put("status", "ok"));
    }

    private void snapshot(Context ctx) {
        JsonReply.send(ctx, 200, roles());
    }

    private ObjectNode roles() {
        Routing routing = gateway.routing();
        SnapshotStore history = gateway.snapshotHistory();
        return RolloutWire.addTo(WireFormat.snapshot(routing.active()), routing, history.roles(), history,
                gateway.config().canary());
    }

    private void promote(Context ctx) {
        gateway.promote(actor(ctx));
        JsonReply.send(ctx, 200, roles());
    }

    private void rollback(Context ctx) {
        gateway.rollback(actor(ctx));
        JsonReply.send(ctx, 200, roles());
    }

    private static String actor(Context ctx) {
        String actor = RgpHeaders.of(ctx).actor();
        return actor != null ? actor : "anonymous";
    }

    private void reload(Context ctx) {
        JsonReply.send(ctx, 200, WireFormat.snapshot(gateway.reload()));
    }

    private void openApi(Context ctx) {
        if (openApi == null) {
            throw new RigException(ErrorType.NOT_FOUND, "this build of the gateway does not bundle its OpenAPI document",
                    "read specs/rgp.openapi.yaml in the RIG source tree");
        }
        ctx.status(200).contentType("application/yaml").result(openApi);
    }

    private static byte[] readOpenApi() {
        try (InputStream in = SystemRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + OPENAPI_RESOURCE, e);
        }
    }
}
