package dev.rig.spi;

import java.util.Objects;

/**
 * Who is calling and on whose behalf: the tenant, the caller's own request id, and the actor.
 *
 * <p>Each value is 1..256 characters.
 */
public record CallContext(String tenantId, String requestId, String actor) {

    /** The tenant used when a caller names none. */
    public static final String DEFAULT_TENANT = "default";

    public CallContext {
        requireText("tenant_id", tenantId);
        requireText("request_id", requestId);
        requireText("actor", actor);
    }

    private static void requireText(String field, String value) {
        Objects.requireNonNull(value, field);
        if (value.isEmpty() || value.length() > 256) {
            throw new IllegalArgumentException(field + " must be 1..256 characters, got " + value.length());
        }
    }
}
