package dev.rig.pack.echo;

import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.Map;

/** The {@code echo} tool: returns the message it was given and the tenant it was called for. */
public final class EchoTool implements Tool {

    private static final ToolDef DEFINITION = ToolDef.builder("echo")
            .description("Returns the given message unchanged, with the tenant the call was made for.")
            .risk(RiskClass.READ)
            .idempotent(true)
            .tags("demo", "test")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "message": {"type": "string", "description": "The text to echo back."}
                      },
                      "required": ["message"],
                      "additionalProperties": false
                    }""")
            .outputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "message": {"type": "string"},
                        "tenant_id": {"type": "string"}
                      },
                      "required": ["message", "tenant_id"],
                      "additionalProperties": false
                    }""")
            .example("hello", "Echo a greeting in the default tenant.",
                    """
                    {"message": "hello"}""",
                    """
                    {"message": "hello", "tenant_id": "default"}""")
            .build();

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException {
        if (!(call.args().get("message") instanceof String message)) {
            throw ToolException.builder(ErrorType.VALIDATION_ERROR, "message must be a string")
                    .hint("call echo with {\"message\": \"hello\"}")
                    .build();
        }
        return Map.of("message", message, "tenant_id", call.context().tenantId());
    }
}
