package dev.rig.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.api.RigException;
import dev.rig.core.wire.WireFormat;
import dev.rig.spi.ErrorType;
import java.util.EnumMap;
import java.util.Map;

/**
 * The RGP edge's table from a gateway error to an HTTP status, and the {@code {"error": ToolError}}
 * body every failed request answers with.
 *
 * <p>A reason code, when the error has one, is finer than its type and wins: an expired approval is
 * {@code not_found} in the taxonomy but 410 on the wire.
 */
final class ErrorMapping {

    /** Reason of a request whose body is over {@code server.max_body_bytes}: 413. */
    static final String BODY_TOO_LARGE = "body_too_large";
    /** Reason of a request whose method the path does not accept: 405. */
    static final String METHOD_NOT_ALLOWED = "method_not_allowed";

    private static final Map<ErrorType, Integer> BY_TYPE = new EnumMap<>(ErrorType.class);
    private static final Map<String, Integer> BY_REASON = Map.of(
            RigException.APPROVAL_EXPIRED, 410,
            BODY_TOO_LARGE, 413,
            METHOD_NOT_ALLOWED, 405);

    static {
        BY_TYPE.put(ErrorType.VALIDATION_ERROR, 400);
        BY_TYPE.put(ErrorType.AUTH_ERROR, 401);
        BY_TYPE.put(ErrorType.PERMISSION_ERROR, 403);
        BY_TYPE.put(ErrorType.NOT_FOUND, 404);
        BY_TYPE.put(ErrorType.CONFLICT, 409);
        BY_TYPE.put(ErrorType.RATE_LIMITED, 429);
        BY_TYPE.put(ErrorType.TRANSIENT, 503);
        BY_TYPE.put(ErrorType.TIMEOUT, 504);
        BY_TYPE.put(ErrorType.UPSTREAM_ERROR, 502);
        BY_TYPE.put(ErrorType.POLICY_BLOCKED, 403);
        BY_TYPE.put(ErrorType.APPROVAL_REQUIRED, 403);
        BY_TYPE.put(ErrorType.INTERNAL_ERROR, 500);
    }

    private ErrorMapping() {}

    /** The HTTP status that answers {@code error}. */
    static int status(RigException error) {
        Integer byReason = error.reason() == null ? null : BY_REASON.get(error.reason());
        return byReason != null ? byReason : BY_TYPE.get(error.type());
    }

    /** The error type of a status that was not decided by this table (Javalin's or Jetty's own refusals). */
    static ErrorType typeOf(int status) {
        return switch (status) {
            case 401 -> ErrorType.AUTH_ERROR;
            case 403 -> ErrorType.PERMISSION_ERROR;
            case 404, 410 -> ErrorType.NOT_FOUND;
            case 409 -> ErrorType.CONFLICT;
            case 429 -> ErrorType.RATE_LIMITED;
            default -> status >= 500 ? ErrorType.INTERNAL_ERROR : ErrorType.VALIDATION_ERROR;
        };
    }

    /** The body that answers {@code error}: {@code {"error": ToolError}}. */
    static ObjectNode body(RigException error, String correlationId) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("error", WireFormat.error(error, correlationId));
        return body;
    }
}
