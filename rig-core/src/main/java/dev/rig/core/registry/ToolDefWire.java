package dev.rig.core.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.json.Json;
import dev.rig.spi.PolicyDefaults;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolExample;

/**
 * Turns a {@link ToolDef} into its RTP JSON form (snake_case, schemas and examples as objects).
 */
final class ToolDefWire {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ToolDefWire() {}

    /**
     * The wire form of {@code def}.
     *
     * @throws IllegalArgumentException naming the field whose JSON text does not parse
     */
    static ObjectNode of(ToolDef def) {
        ObjectNode node = NODES.objectNode();
        node.put("name", def.name());
        node.put("description", def.description());
        node.set("input_schema", parse(def.inputSchema(), "input_schema"));
        node.set("output_schema", parse(def.outputSchema(), "output_schema"));
        node.set("error_schema", parse(def.errorSchema(), "error_schema"));
        ArrayNode slots = node.putArray("auth_slots");
        def.authSlots().forEach(slots::add);
        node.put("risk_class", def.riskClass().wireName());
        ArrayNode tags = node.putArray("tags");
        def.tags().forEach(tags::add);
        PolicyDefaults defaults = def.policyDefaults();
        ObjectNode policy = node.putObject("policy_defaults");
        if (defaults.timeoutSeconds() != null) {
            policy.put("timeout_seconds", defaults.timeoutSeconds());
        }
        if (defaults.retries() != null) {
            policy.put("retries", defaults.retries());
        }
        if (defaults.maxConcurrency() != null) {
            policy.put("max_concurrency", defaults.maxConcurrency());
        }
        ArrayNode examples = node.putArray("examples");
        for (int i = 0; i < def.examples().size(); i++) {
            ToolExample example = def.examples().get(i);
            ObjectNode e = examples.addObject();
            e.put("name", example.name());
            e.put("description", example.description());
            e.set("input", parse(example.inputJson(), "examples[" + i + "].input"));
            e.set("output", example.outputJson() == null ? NODES.nullNode()
                    : parse(example.outputJson(), "examples[" + i + "].output"));
        }
        node.put("idempotent", def.idempotent());
        return node;
    }

    private static JsonNode parse(String text, String field) {
        try {
            return Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(field + ": not valid JSON: " + e.getOriginalMessage());
        }
    }
}
