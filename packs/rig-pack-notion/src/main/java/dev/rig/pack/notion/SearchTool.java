package dev.rig.pack.notion;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code notion.search}: pages and databases shared with the integration, by title ({@code POST /v1/search}). */
final class SearchTool implements Tool {

    static final int DEFAULT_PAGE_SIZE = 20;

    private static final ToolDef DEFINITION = ToolDef.builder("notion.search")
            .description("Finds the pages and databases shared with the integration whose title contains the query"
                    + " (all of them when the query is absent). When has_more is true, call again with start_cursor"
                    + " set to next_cursor.")
            .risk(RiskClass.READ)
            .authSlots(NotionApi.TOKEN_SLOT)
            .tags("notion", "search")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "query": {"type": "string", "maxLength": 1000, "description": "Text the titles should contain."},
                        "filter": {
                          "type": "object",
                          "description": "Only one kind of object: page, or database (data_source from Notion-Version 2025-09-03 on).",
                          "properties": {"property": {"const": "object"},
                                         "value": {"enum": ["page", "database", "data_source"]}},
                          "required": ["property", "value"],
                          "additionalProperties": false
                        },
                        "start_cursor": {"type": "string", "minLength": 1, "maxLength": 200,
                                         "description": "next_cursor of the previous answer."},
                        "page_size": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}
                      },
                      "additionalProperties": false
                    }""")
            .outputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "results": {"type": "array", "items": {
                          "type": "object",
                          "properties": {
                            "id": {"type": "string"},
                            "object": {"type": "string", "description": "page, database or data_source."},
                            "title": {"type": ["string", "null"], "description": "The plain-text title; null when the object has none."}},
                          "required": ["id", "object", "title"],
                          "additionalProperties": false}},
                        "has_more": {"type": "boolean"},
                        "next_cursor": {"type": ["string", "null"]}
                      },
                      "required": ["results", "has_more", "next_cursor"],
                      "additionalProperties": false
                    }""")
            .example("pages", "Pages whose title mentions the launch.", """
                    {"query": "launch", "filter": {"property": "object", "value": "page"}}""",
                    """
                    {"results": [{"id": "59833787-2cf9-4fdf-8782-e53db20768a5", "object": "page",
                                  "title": "Write the launch post"}],
                     "has_more": false, "next_cursor": null}""")
            .example("everything", "Everything the integration can see, ten at a time.", """
                    {"page_size": 10}""", null)
            .build();

    private final NotionApi api;

    SearchTool(NotionApi api) {
        this.api = api;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        for (String key : List.of("query", "filter", "start_cursor")) {
            if (call.args().get(key) != null) {
                body.put(key, call.args().get(key));
            }
        }
        body.put("page_size", call.args().getOrDefault("page_size", DEFAULT_PAGE_SIZE));
        JsonNode answer = api.send(call, "POST", "/v1/search", body);

        List<Map<String, Object>> results = new ArrayList<>();
        for (JsonNode item : answer.path("results")) {
            String id = NotionApi.text(item, "id");
            if (id != null) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("id", id);
                result.put("object", item.path("object").asText("unknown"));
                result.put("title", title(item));
                results.add(result);
            }
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("results", results);
        output.put("has_more", answer.path("has_more").asBoolean(false));
        output.put("next_cursor", NotionApi.text(answer, "next_cursor"));
        return output;
    }

    /**
     * The plain text of an object's title: a database's (or data source's) {@code title}, or a page's
     * property of type {@code title}; null when it has neither.
     */
    static String title(JsonNode item) {
        JsonNode richText = item.get("title");
        if (richText == null || !richText.isArray()) {
            richText = null;
            for (JsonNode property : item.path("properties")) {
                if ("title".equals(NotionApi.text(property, "type"))) {
                    richText = property.get("title");
                    break;
                }
            }
        }
        if (richText == null || !richText.isArray()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : richText) {
            text.append(part.path("plain_text").asText(""));
        }
        return text.toString();
    }
}
