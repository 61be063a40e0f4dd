package dev.rig.core.lock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.json.CanonicalJson;
import java.util.Objects;

/**
 * A tool of a mounted MCP server (or npm pack) as it was when an operator trusted it: its full
 * definition as the server served it (name, title, description, schemas, annotations), the
 * fingerprint of that definition, and whether it may be called.
 *
 * <p>The fingerprint is {@code sha256-} + hex sha256 of the RFC 8785 canonical JSON of the
 * definition, so any change a server makes to what a tool says or takes changes it. A tool the
 * server starts serving after the first pin is recorded disabled until an operator enables it.
 */
public record PinnedTool(String fingerprint, boolean enabled, JsonNode definition) {

    public PinnedTool {
        Objects.requireNonNull(definition, "definition");
        String expected = fingerprintOf(definition);
        if (fingerprint == null) {
            fingerprint = expected;
        } else if (!fingerprint.equals(expected)) {
            throw new IllegalArgumentException("fingerprint: " + fingerprint + " does not match the definition ("
                    + expected + "); the lock was edited by hand");
        }
        definition = definition.deepCopy();
    }

    /** A pin of {@code definition}, enabled or not. */
    public static PinnedTool of(JsonNode definition, boolean enabled) {
        return new PinnedTool(null, enabled, definition);
    }

    /** The fingerprint of a served tool definition. */
    public static String fingerprintOf(JsonNode definition) {
        return "sha256-" + CanonicalJson.sha256(definition);
    }

    /** This pin, enabled or disabled. */
    public PinnedTool withEnabled(boolean value) {
        return new PinnedTool(fingerprint, value, definition);
    }

    @Override
    public JsonNode definition() {
        return definition.deepCopy();
    }
}
