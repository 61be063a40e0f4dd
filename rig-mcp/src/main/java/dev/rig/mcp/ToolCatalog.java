package dev.rig.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.json.Json;
import dev.rig.core.registry.RegisteredTool;
import dev.rig.core.registry.Snapshot;
import dev.rig.spi.RiskClass;
import dev.rig.spi.ToolDef;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The MCP view of a snapshot: one {@link McpSchema.Tool} per tool the policy allows (a denied tool
 * is not listed, so listing and calling never disagree).
 *
 * <p>Annotations follow the risk class: {@code readOnlyHint} for {@code read};
 * {@code destructiveHint} for {@code destructive} and {@code infra} (and explicitly false for the
 * other writes, since MCP assumes destructive when absent); {@code idempotentHint} for reads and
 * tools whose pack declares them idempotent; {@code openWorldHint} for tools with auth slots, which
 * are the ones that call a third party. RIG's own facts go under {@code _meta} with the
 * {@code dev.rig/} prefix.
 */
final class ToolCatalog {

    static final String META_PREFIX = "dev.rig/";

    private ToolCatalog() {}

    /** The allowed tools of {@code snapshot} by name, in name order. */
    static Map<String, McpSchema.Tool> of(Snapshot snapshot) {
        Map<String, McpSchema.Tool> tools = new LinkedHashMap<>();
        for (RegisteredTool tool : snapshot.tools().values()) {
            if (tool.plan().allowed()) {
                tools.put(tool.name(), tool(tool, snapshot));
            }
        }
        return tools;
    }

    static McpSchema.Tool tool(RegisteredTool tool, Snapshot snapshot) {
        ToolDef def = tool.definition();
        RiskClass risk = def.riskClass();
        boolean read = risk == RiskClass.READ;
        String title = title(tool);
        McpSchema.ToolAnnotations annotations = McpSchema.ToolAnnotations.builder()
                .title(title)
                .readOnlyHint(read)
                .destructiveHint(!read && (risk == RiskClass.DESTRUCTIVE || risk == RiskClass.INFRA))
                .idempotentHint(read || def.idempotent())
                .openWorldHint(!def.authSlots().isEmpty())
                .build();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put(META_PREFIX + "risk_class", risk.wireName());
        meta.put(META_PREFIX + "pack", tool.pack().id());
        meta.put(META_PREFIX + "pack_version", tool.pack().version());
        meta.put(META_PREFIX + "interface_hash", snapshot.interfaceHash());
        meta.put(META_PREFIX + "requires_approval", tool.plan().requiresApproval());
        return McpSchema.Tool.builder()
                .name(tool.name())
                .title(title)
                .description(def.description())
                .inputSchema(schema(tool.wire().get("input_schema")))
                .outputSchema(schema(tool.wire().get("output_schema")))
                .annotations(annotations)
                .meta(meta)
                .build();
    }

    /** {@code stripe.customers.create} → {@code Customers create (stripe)}. */
    static String title(RegisteredTool tool) {
        String name = tool.name();
        String pack = tool.pack().id();
        String rest = name.startsWith(pack + ".") ? name.substring(pack.length() + 1) : name;
        String words = rest.replace('.', ' ').replace('_', ' ').trim();
        if (words.isEmpty()) {
            words = name;
        }
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1) + " (" + pack + ")";
    }

    private static Map<String, Object> schema(JsonNode node) {
        return node == null || !node.isObject() ? null : Json.toMap(node);
    }
}
