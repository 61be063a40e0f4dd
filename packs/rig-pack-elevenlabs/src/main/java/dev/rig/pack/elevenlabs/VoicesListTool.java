package dev.rig.pack.elevenlabs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code elevenlabs.voices.list}: the voices the account can use ({@code GET /v1/voices}). */
final class VoicesListTool implements Tool {

    private static final ToolDef DEFINITION = ToolDef.builder("elevenlabs.voices.list")
            .description("Lists the ElevenLabs voices this account can use (premade, cloned, generated, library"
                    + " voices): the voice_id to pass to elevenlabs.textToSpeech.create, the name and category.")
            .risk(RiskClass.READ)
            .authSlots(ElevenLabsApi.KEY_SLOT)
            .tags("elevenlabs", "audio")
            .inputSchema("""
                    {"type": "object", "properties": {}, "additionalProperties": false}""")
            .outputSchema("""
                    {"type": "object",
                     "properties": {
                       "voices": {"type": "array", "items": {"type": "object",
                         "properties": {"voice_id": {"type": "string"},
                                        "name": {"type": ["string", "null"]},
                                        "category": {"type": ["string", "null"],
                                                     "description": "premade, cloned, generated, professional..."}},
                         "required": ["voice_id", "name", "category"],
                         "additionalProperties": false}}},
                     "required": ["voices"],
                     "additionalProperties": false}""")
            .example("all", "Every voice of the account.", "{}", """
                    {"voices": [{"voice_id": "21m00Tcm4TlvDq8ikWAM", "name": "Rachel", "category": "premade"},
                                {"voice_id": "JBFqnCBsd6RMkjVDRZzb", "name": "George", "category": "premade"}]}""")
            .build();

    private final ElevenLabsApi api;

    VoicesListTool(ElevenLabsApi api) {
        this.api = api;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        JsonNode body = api.readJson(call, api.send(call, "GET", "/v1/voices", null, "application/json"));
        JsonNode voices = body == null ? null : body.get("voices");
        if (voices == null || !voices.isArray()) {
            throw ToolException.builder(ErrorType.UPSTREAM_ERROR, "ElevenLabs answered " + call.toolName()
                    + " without a voices list").hint("check packs.elevenlabs.base_url").build();
        }
        List<Object> result = new ArrayList<>(voices.size());
        for (JsonNode voice : voices) {
            JsonNode id = voice.get("voice_id");
            if (id == null || !id.isTextual()) {
                continue;   // unusable without an id
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("voice_id", id.asText());
            item.put("name", text(voice.get("name")));
            item.put("category", text(voice.get("category")));
            result.add(item);
        }
        return Map.of("voices", result);
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }
}
