package dev.rig.mcp.mount;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.rig.core.json.Json;
import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolException;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A mounted server's {@code tools/call} result as a RIG tool's output: the structured content of a tool
 * with an output schema, else {@code {"content": [...]}} with the content blocks as sent. An error result
 * ({@code isError}) is an {@code upstream_error} carrying the server's text; from the Node runner it is
 * the pack's own typed error.
 */
final class ServedResult {

    private static final int MAX_ERROR_TEXT = 2000;
    private static final ObjectWriter CONTENT_WRITER =
            Json.MAPPER.writerFor(new TypeReference<List<McpSchema.Content>>() { });

    private ServedResult() {
    }

    static Map<String, Object> output(McpSchema.CallToolResult result, boolean structured, String tool,
                                      ServerMount server) throws ToolException {
        if (Boolean.TRUE.equals(result.isError())) {
            throw error(result, tool, server);
        }
        if (structured) {
            if (!(result.structuredContent() instanceof Map<?, ?>)) {
                throw ToolException.builder(ErrorType.UPSTREAM_ERROR, "MCP server " + server.id() + " answered " + tool
                                + " without structured content, though the tool declares an output schema")
                        .hint("report it to the server's authors").build();
            }
            return Json.MAPPER.convertValue(result.structuredContent(), Map.class);
        }
        List<McpSchema.Content> content = result.content() == null ? List.of() : result.content();
        try {
            // written as their declared type, so each block keeps its "type" (text, image, resource_link, ...)
            return Map.of("content", Json.MAPPER.readValue(CONTENT_WRITER.writeValueAsBytes(content), List.class));
        } catch (IOException e) {
            throw ToolException.builder(ErrorType.UPSTREAM_ERROR, "MCP server " + server.id() + " answered " + tool
                    + " with content RIG cannot read: " + e.getMessage()).build();
        }
    }

    private static ToolException error(McpSchema.CallToolResult result, String tool, ServerMount server) {
        String text = server.mask(text(result));
        Object typed = result.meta() == null ? null : result.meta().get(MountedTool.ERROR_META);
        if (server.nodePack() && typed instanceof Map<?, ?> error) {
            ErrorType type;
            try {
                type = ErrorType.fromWire(String.valueOf(error.get("type")));
            } catch (IllegalArgumentException e) {
                type = ErrorType.INTERNAL_ERROR;
            }
            Object message = error.get("message");
            ToolException.Builder failure = ToolException.builder(type,
                    server.mask(message == null ? text : String.valueOf(message)));
            if (error.get("retryable") instanceof Boolean retryable) {
                failure.retryable(retryable);
            }
            if (error.get("upstream_code") != null) {
                failure.upstreamCode(server.mask(String.valueOf(error.get("upstream_code"))));
            }
            if (error.get("remediation_hints") instanceof List<?> hints) {
                hints.forEach(hint -> failure.hint(server.mask(String.valueOf(hint))));
            }
            if (error.get("retry_after_seconds") instanceof Number seconds) {
                failure.retryAfter(Duration.ofMillis((long) (seconds.doubleValue() * 1000)));
            }
            return failure.build();
        }
        return ToolException.builder(ErrorType.UPSTREAM_ERROR, "MCP server " + server.id() + ": " + tool + " failed: "
                + (text.isBlank() ? "(no message)" : text)).build();
    }

    private static String text(McpSchema.CallToolResult result) {
        StringBuilder text = new StringBuilder();
        if (result.content() != null) {
            for (McpSchema.Content block : result.content()) {
                if (block instanceof McpSchema.TextContent t && t.text() != null) {
                    if (!text.isEmpty()) {
                        text.append(' ');
                    }
                    text.append(t.text());
                }
            }
        }
        return text.length() > MAX_ERROR_TEXT ? text.substring(0, MAX_ERROR_TEXT) + "..." : text.toString();
    }
}
