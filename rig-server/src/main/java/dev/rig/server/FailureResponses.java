package dev.rig.server;

import dev.rig.core.api.RigException;
import dev.rig.spi.ErrorType;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.router.EndpointNotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure of a request into a JSON {@code {"error": ToolError}} answer: gateway errors
 * through {@link ErrorMapping}, unknown routes (404) and methods (405), and anything unexpected as a
 * 500 that names only the correlation id. The exception itself goes to the log, never to the caller.
 */
final class FailureResponses {

    private static final Logger LOG = LoggerFactory.getLogger(FailureResponses.class);

    private FailureResponses() {}

    static void register(RoutesConfig routes) {
        routes.exception(RigException.class, FailureResponses::rigError);
        routes.exception(EndpointNotFound.class, (e, ctx) -> rigError(noRoute(ctx), ctx));
        routes.exception(MethodNotAllowedResponse.class, (e, ctx) -> rigError(methodNotAllowed(ctx), ctx));
        routes.exception(HttpResponseException.class, FailureResponses::httpError);
        routes.exception(Exception.class, FailureResponses::unexpected);
    }

    /** The answer to a path no route serves. */
    static RigException noRoute(Context ctx) {
        return new RigException(ErrorType.NOT_FOUND, "no route " + ctx.method() + " " + WireFields.shorten(ctx.path()),
                "GET /v1/tools lists the tools; call one with POST /v1/tools/{name}:call",
                "GET /v1/openapi.yaml describes every route");
    }

    private static RigException methodNotAllowed(Context ctx) {
        return RigException.withReason(ErrorType.VALIDATION_ERROR, ErrorMapping.METHOD_NOT_ALLOWED,
                "method " + ctx.method() + " is not allowed on " + WireFields.shorten(ctx.path()),
                "GET /v1/openapi.yaml describes every route and its methods");
    }

    private static void rigError(RigException e, Context ctx) {
        JsonReply.send(ctx, ErrorMapping.status(e), ErrorMapping.body(e, RgpHeaders.correlationId(ctx)));
    }

    /** Javalin's own refusals (a status and a fixed, safe message). */
    private static void httpError(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        if (status >= 500) {
            unexpected(e, ctx);
            return;
        }
        RigException error = new RigException(ErrorMapping.typeOf(status), "request refused: HTTP " + status);
        JsonReply.send(ctx, status, ErrorMapping.body(error, RgpHeaders.correlationId(ctx)));
    }

    private static void unexpected(Exception e, Context ctx) {
        String correlationId = RgpHeaders.correlationId(ctx);
        LOG.error("request failed unexpectedly: method={} path={} correlation_id={}", ctx.method(), ctx.path(),
                correlationId, e);
        RigException error = new RigException(ErrorType.INTERNAL_ERROR,
                "internal error; see the gateway log for correlation id " + correlationId);
        JsonReply.send(ctx, 500, ErrorMapping.body(error, correlationId));
    }
}
