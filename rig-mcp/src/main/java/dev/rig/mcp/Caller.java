package dev.rig.mcp;

import dev.rig.spi.CallReporter;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.Optional;

/** Who sent a {@code tools/call}, and what can be sent back to them while it runs. */
interface Caller {

    /** The actor recorded for the call: the MCP client's name. */
    String actor();

    /** The tenant ({@code X-RIG-Tenant-ID} on HTTP), or null for the default. */
    String tenant();

    /** Where the tool's progress and log messages go; {@code progressToken} may be null. */
    CallReporter reporter(Object progressToken);

    /**
     * Asks the user {@code message} with a form of {@code schema} through elicitation, waiting for the
     * answer; empty when this client cannot be asked.
     */
    Optional<McpSchema.ElicitResult> elicit(String message, Map<String, Object> schema);
}
