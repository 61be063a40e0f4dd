package dev.rig.mcp;

import dev.rig.spi.CallReporter;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.Optional;

/**
 * A caller over stateless HTTP: no session, so no client name (the actor is {@code mcp-client}), no
 * notifications and no elicitation.
 */
record StatelessCaller(String tenant) implements Caller {

    @Override
    public String actor() {
        return "mcp-client";
    }

    @Override
    public CallReporter reporter(Object progressToken) {
        return CallReporter.NONE;
    }

    @Override
    public Optional<McpSchema.ElicitResult> elicit(String message, Map<String, Object> schema) {
        return Optional.empty();
    }
}
