package dev.rig.mcp.mount;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.config.McpServerSettings;
import dev.rig.core.json.Json;
import dev.rig.core.lock.PinnedTool;
import dev.rig.spi.PolicyDefaults;
import dev.rig.spi.RiskClass;
import dev.rig.spi.ToolDef;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * One tool as a mounted server serves it, in the JSON form that is pinned in {@code rig.lock}
 * ({@code name, title, description, inputSchema, outputSchema, annotations, icons}; {@code _meta} left
 * out except RIG's own tool definition from the Node runner), and the RIG {@link ToolDef} made of it.
 *
 * <p>Risk class: {@code mcp_servers.<id>.risk.<tool>} when configured; else, for an npm pack, the
 * risk class its definition declares; else from the annotations: {@code readOnlyHint} → read,
 * {@code destructiveHint} → destructive, otherwise write.
 */
record ServedTool(String name, JsonNode definition, String fingerprint) {

    /** Where the Node runner puts a pack's own RTP tool definition. */
    static final String TOOL_DEF_META = "dev.rig/tool_def";
    /** The output schema of a tool that declares none: its content blocks. */
    static final String CONTENT_OUTPUT_SCHEMA = """
            {"type":"object","properties":{"content":{"type":"array","items":{"type":"object"},\
            "description":"The MCP content blocks the server returned (text, image, audio, resource)."}},\
            "required":["content"]}""";

    ServedTool {
        Objects.requireNonNull(name, "name");
        definition = definition.deepCopy();
        fingerprint = PinnedTool.fingerprintOf(definition); // once: calls compare it with the pin
    }

    ServedTool(String name, JsonNode definition) {
        this(name, definition, null);
    }

    /**
     * The definition of {@code tool} as served: {@code raw}, the JSON the server sent (null when unknown,
     * then the SDK's record), keeping RIG's tool definition in {@code _meta} only for npm packs.
     */
    static ServedTool of(Object raw, McpSchema.Tool tool, McpJsonMapper mapper, boolean nodePack) {
        ObjectNode json;
        try {
            JsonNode tree = raw != null ? Json.MAPPER.valueToTree(raw) : Json.MAPPER.readTree(mapper.writeValueAsString(tool));
            if (!(tree instanceof ObjectNode object)) {
                throw new IOException("not a JSON object");
            }
            json = object;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read tool " + tool.name() + ": " + e.getMessage(), e);
        }
        JsonNode meta = json.remove("_meta");
        if (nodePack && meta != null && meta.has(TOOL_DEF_META)) {
            json.putObject("_meta").set(TOOL_DEF_META, meta.get(TOOL_DEF_META));
        }
        return new ServedTool(tool.name(), json);
    }

    /** The served tool of a pin. */
    static ServedTool of(PinnedTool pin) {
        return new ServedTool(pin.definition().path("name").asText(), pin.definition());
    }

    @Override
    public JsonNode definition() {
        return definition.deepCopy();
    }

    /** Whether the tool runs only as an MCP task ({@code execution.taskSupport: required}). */
    boolean taskOnly() {
        return taskOnly(definition);
    }

    static boolean taskOnly(JsonNode definition) {
        return "required".equals(definition.path("execution").path("taskSupport").asText());
    }

    /** Whether the tool declares an output schema, so its structured content is its output. */
    boolean structured() {
        return definition.path("outputSchema").isObject();
    }

    /**
     * The RIG definition of this tool in the pack of {@code settings}.
     *
     * @param nodePack whether the tool comes from RIG's Node runner (its names are used as they are)
     */
    ToolDef toolDef(McpServerSettings settings, boolean nodePack) {
        JsonNode rig = nodePack ? definition.path("_meta").path(TOOL_DEF_META) : Json.MAPPER.missingNode();
        String rigName = nodePack ? name : settings.id() + "." + name;
        String description = text(definition, "description");
        if (description == null || description.isBlank()) {
            description = text(definition, "title");
        }
        if (description == null || description.isBlank()) {
            description = "Tool " + name + " of the MCP server " + settings.id() + " (it gives no description).";
        }
        JsonNode annotations = definition.path("annotations");
        ToolDef.Builder def = ToolDef.builder(rigName)
                .description(description)
                .inputSchema(json(definition.path("inputSchema").isObject() ? definition.get("inputSchema")
                        : Json.MAPPER.createObjectNode().put("type", "object")))
                .outputSchema(structured() ? json(definition.get("outputSchema")) : CONTENT_OUTPUT_SCHEMA)
                .risk(risk(settings, rig, annotations))
                .idempotent(annotations.path("idempotentHint").asBoolean(false) || rig.path("idempotent").asBoolean(false));
        java.util.LinkedHashSet<String> tags = new java.util.LinkedHashSet<>(List.of(nodePack ? "npm" : "mcp",
                settings.id()));
        if (nodePack) {
            rig.path("auth_slots").forEach(slot -> def.authSlots(slot.asText()));
            rig.path("tags").forEach(tag -> tags.add(tag.asText()));
            if (rig.path("error_schema").isObject()) {
                def.errorSchema(json(rig.get("error_schema")));
            }
            JsonNode defaults = rig.path("policy_defaults");
            if (defaults.isObject()) {
                def.policyDefaults(new PolicyDefaults(integer(defaults, "timeout_seconds"), integer(defaults, "retries"),
                        integer(defaults, "max_concurrency")));
            }
            for (JsonNode example : rig.path("examples")) {
                def.example(example.path("name").asText("example"), example.path("description").asText(""),
                        json(example.path("input")), example.has("output") ? json(example.get("output")) : null);
            }
        }
        return def.tags(tags.toArray(String[]::new)).build();
    }

    /** The risk class RIG gives this tool in the pack of {@code settings} (see the class comment). */
    RiskClass risk(McpServerSettings settings, boolean nodePack) {
        JsonNode rig = nodePack ? definition.path("_meta").path(TOOL_DEF_META) : Json.MAPPER.missingNode();
        return risk(settings, rig, definition.path("annotations"));
    }

    private RiskClass risk(McpServerSettings settings, JsonNode rig, JsonNode annotations) {
        RiskClass configured = settings.risk().get(name);
        if (configured == null) {
            configured = settings.risk().get(settings.id() + "." + name);
        }
        if (configured != null) {
            return configured;
        }
        if (rig.hasNonNull("risk_class")) {
            try {
                return RiskClass.fromWire(rig.get("risk_class").asText());
            } catch (IllegalArgumentException e) {
                return RiskClass.DESTRUCTIVE; // a pack that names no known class gets the strictest
            }
        }
        if (annotations.path("readOnlyHint").asBoolean(false)) {
            return RiskClass.READ;
        }
        if (annotations.path("destructiveHint").asBoolean(false)) {
            return RiskClass.DESTRUCTIVE;
        }
        return RiskClass.WRITE;
    }

    private static Integer integer(JsonNode node, String field) {
        return node.path(field).isIntegralNumber() ? node.get(field).asInt() : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String json(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
