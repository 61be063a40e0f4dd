package dev.rig.server;

import dev.rig.core.api.CorrelationId;
import io.javalin.http.Context;

/**
 * The RGP headers a caller may send on any route: who it calls for ({@code X-RIG-Tenant-ID}), who
 * it is ({@code X-RIG-Actor-ID}) and the id that ties the request to logs and audit
 * ({@code X-RIG-Correlation-ID}, generated when absent and always echoed on the response).
 *
 * <p>{@code tenantId} and {@code actor} are null when not sent; {@code correlationId} never is.
 */
record RgpHeaders(String correlationId, String tenantId, String actor) {

    static final String CORRELATION_ID = "X-RIG-Correlation-ID";
    static final String TENANT_ID = "X-RIG-Tenant-ID";
    static final String ACTOR_ID = "X-RIG-Actor-ID";

    private static final String ATTRIBUTE = "rig.headers";
    private static final String CORRELATION_ATTRIBUTE = "rig.correlation_id";

    /**
     * Reads the headers of {@code ctx}, settles its correlation id (echoed at once, so that even a
     * refused request carries it) and keeps them on the request for the handlers.
     *
     * @throws dev.rig.core.api.RigException {@code validation_error} naming a malformed header
     */
    static RgpHeaders read(Context ctx) {
        String given = ctx.header(CORRELATION_ID);
        boolean usable = given != null && usableCorrelationId(given);
        String correlationId = usable ? given : CorrelationId.next();
        useCorrelationId(ctx, correlationId);
        if (given != null && !usable) {
            throw WireFields.invalid("header " + CORRELATION_ID + " must be 1.." + WireFields.MAX_TEXT
                    + " visible ASCII characters", "leave it out and the gateway generates one");
        }
        RgpHeaders headers = new RgpHeaders(correlationId, optional(ctx, TENANT_ID), optional(ctx, ACTOR_ID));
        ctx.attribute(ATTRIBUTE, headers);
        return headers;
    }

    /** The headers {@link #read} kept on {@code ctx}. */
    static RgpHeaders of(Context ctx) {
        RgpHeaders headers = ctx.attribute(ATTRIBUTE);
        return headers != null ? headers : read(ctx);
    }

    /** The correlation id of {@code ctx}, even when its other headers were refused. */
    static String correlationId(Context ctx) {
        String correlationId = ctx.attribute(CORRELATION_ATTRIBUTE);
        if (correlationId == null) {
            correlationId = CorrelationId.next();
            useCorrelationId(ctx, correlationId);
        }
        return correlationId;
    }

    /** Makes {@code correlationId} the one this request logs and answers with. */
    static void useCorrelationId(Context ctx, String correlationId) {
        ctx.attribute(CORRELATION_ATTRIBUTE, correlationId);
        ctx.header(CORRELATION_ID, correlationId);
    }

    private static String optional(Context ctx, String name) {
        String value = ctx.header(name);
        return value == null ? null : WireFields.text("header " + name, value);
    }

    private static boolean usableCorrelationId(String value) {
        if (value.isEmpty() || value.length() > WireFields.MAX_TEXT) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
