package dev.rig.mcp;

import dev.rig.core.api.ApprovalTicket;
import dev.rig.core.api.ToolError;
import dev.rig.core.api.ToolResult;
import dev.rig.core.json.Json;
import dev.rig.core.wire.WireFormat;
import dev.rig.spi.Media;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ToolResult} as an MCP {@link CallToolResult}.
 *
 * <ul>
 *   <li>Success: the output as {@code structuredContent}, the same JSON as a text block, and one
 *       image or audio block for each {@link Media} object in the output (top level or one level
 *       down) whose content type is {@code image/*} or {@code audio/*}.
 *   <li>Failure: {@code isError: true}, a one-line message {@code "<type>: <message> (hint: ...)"},
 *       and the RTP ToolError under {@code _meta["dev.rig/error"]} (plus the ticket under
 *       {@code _meta["dev.rig/approval"]}); an approval-required call's text explains what waits and
 *       how to approve it ({@link ApprovalText}).
 * </ul>
 *
 * <p>Why not the ToolError as {@code structuredContent}: the TypeScript SDK client (1.32, the one
 * most agents use) validates {@code structuredContent} against the tool's {@code outputSchema} even
 * when {@code isError} is true (typescript-sdk issue 1943), so every RIG error, approvals included,
 * reached such agents as a protocol error {@code -32602} and the human never saw the approval
 * instructions. The structured error stays available, under {@code _meta}.
 * Every result carries the correlation id, pack, pack version, interface hash and pack set version
 * under {@code _meta} ({@code dev.rig/} prefix).
 */
final class Results {

    /** The RTP ToolError of a failed call, in the result's {@code _meta}. */
    static final String ERROR = ToolCatalog.META_PREFIX + "error";
    /** The approval ticket of a held call, in the result's {@code _meta}. */
    static final String APPROVAL = ToolCatalog.META_PREFIX + "approval";

    private Results() {}

    static CallToolResult of(ToolResult result, ApprovalText approvals) {
        Map<String, Object> meta = meta(result);
        if (result.ok()) {
            List<McpSchema.Content> content = new ArrayList<>();
            content.add(new McpSchema.TextContent(Json.write(result.output())));
            media(result.output(), content);
            return CallToolResult.builder().content(content).structuredContent(result.output()).isError(false)
                    .meta(meta).build();
        }
        ToolError error = result.error();
        String text = result.approval() != null ? approvals.describe(result.approval()) : oneLine(error);
        return CallToolResult.builder().addTextContent(text).isError(true)
                .meta(withError(meta, error, result.approval())).build();
    }

    /** An error the MCP edge itself produced (the user refused an approval it asked for). */
    static CallToolResult error(ToolError error, ApprovalTicket ticket) {
        return CallToolResult.builder().addTextContent(oneLine(error)).isError(true)
                .meta(withError(new LinkedHashMap<>(), error, ticket)).build();
    }

    private static Map<String, Object> withError(Map<String, Object> meta, ToolError error, ApprovalTicket ticket) {
        meta.put(ERROR, Json.toMap(WireFormat.error(error)));
        if (ticket != null) {
            meta.put(APPROVAL, Json.toMap(WireFormat.approval(ticket)));
        }
        return meta;
    }

    static String oneLine(ToolError error) {
        StringBuilder line = new StringBuilder(error.type().wireName()).append(": ").append(error.message());
        if (!error.remediationHints().isEmpty()) {
            line.append(" (hint: ").append(error.remediationHints().getFirst()).append(')');
        }
        return line.toString().replace('\n', ' ');
    }

    private static Map<String, Object> meta(ToolResult result) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put(ToolCatalog.META_PREFIX + "correlation_id", result.correlationId());
        if (result.pack() != null) {
            meta.put(ToolCatalog.META_PREFIX + "pack", result.pack());
            meta.put(ToolCatalog.META_PREFIX + "pack_version", result.packVersion());
            meta.put(ToolCatalog.META_PREFIX + "interface_hash", result.interfaceHash());
        }
        meta.put(ToolCatalog.META_PREFIX + "pack_set_version", result.packSetVersion());
        return meta;
    }

    private static void media(Map<String, Object> output, List<McpSchema.Content> content) {
        if (Media.is(output)) {
            block(output, content);
            return;
        }
        for (Object value : output.values()) {
            if (Media.is(value)) {
                block((Map<?, ?>) value, content);
            } else if (value instanceof List<?> list) {
                list.stream().filter(Media::is).forEach(item -> block((Map<?, ?>) item, content));
            }
        }
    }

    private static void block(Map<?, ?> media, List<McpSchema.Content> content) {
        String type = (String) media.get(Media.CONTENT_TYPE);
        String data = (String) media.get(Media.DATA_BASE64);
        if (type.startsWith("image/")) {
            content.add(new McpSchema.ImageContent(null, data, type));
        } else if (type.startsWith("audio/")) {
            content.add(new McpSchema.AudioContent(null, data, type));
        }
    }
}
