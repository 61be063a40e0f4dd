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

/** {@code notion.databases.query}: one page of a database's rows ({@code POST /v1/databases/{id}/query}). */
final class QueryDatabaseTool implements Tool {

    static final int DEFAULT_PAGE_SIZE = 100;

    private static final ToolDef DEFINITION = ToolDef.builder("notion.databases.query")
            .description("Lists the rows (pages) of a Notion database that match a filter, in the given order."
                    + " When has_more is true, call again with start_cursor set to next_cursor.")
            .risk(RiskClass.READ)
            .authSlots(NotionApi.TOKEN_SLOT)
            .tags("notion", "databases")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "database_id": %s,
                        "filter": {"type": "object",
                                   "description": "A Notion filter object, such as {\\"property\\": \\"Status\\", \\"select\\": {\\"equals\\": \\"Done\\"}}."},
                        "sorts": {"type": "array", "items": {"type": "object"},
                                  "description": "Notion sort objects, such as [{\\"property\\": \\"Due\\", \\"direction\\": \\"ascending\\"}]."},
                        "start_cursor": {"type": "string", "minLength": 1, "maxLength": 200,
                                         "description": "next_cursor of the previous answer."},
                        "page_size": {"type": "integer", "minimum": 1, "maximum": 100, "default": 100}
                      },
                      "required": ["database_id"],
                      "additionalProperties": false
                    }""".formatted(Pages.ID_SCHEMA))
            .outputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "results": {"type": "array", "items": {
                          "type": "object",
                          "properties": {"id": {"type": "string"}, "properties": {"type": "object"}},
                          "required": ["id", "properties"],
                          "additionalProperties": false}},
                        "has_more": {"type": "boolean"},
                        "next_cursor": {"type": ["string", "null"]}
                      },
                      "required": ["results", "has_more", "next_cursor"],
                      "additionalProperties": false
                    }""")
            .example("done-tasks", "Tasks whose status is Done, newest first.", """
                    {"database_id": "d9824bdc-8445-4327-be8b-5b47500af6ce",
                     "filter": {"property": "Status", "select": {"equals": "Done"}},
                     "sorts": [{"timestamp": "created_time", "direction": "descending"}]}""",
                    """
                    {"results": [{"id": "59833787-2cf9-4fdf-8782-e53db20768a5",
                                  "properties": {"Status": {"id": "Z%3ClH", "type": "select",
                                                            "select": {"id": "2", "name": "Done", "color": "green"}}}}],
                     "has_more": false, "next_cursor": null}""")
            .build();

    private final NotionApi api;

    QueryDatabaseTool(NotionApi api) {
        this.api = api;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        for (String key : List.of("filter", "sorts", "start_cursor")) {
            if (call.args().get(key) != null) {
                body.put(key, call.args().get(key));
            }
        }
        body.put("page_size", call.args().getOrDefault("page_size", DEFAULT_PAGE_SIZE));
        JsonNode answer = api.send(call, "POST", "/v1/databases/" + call.string("database_id") + "/query", body);

        List<Map<String, Object>> results = new ArrayList<>();
        for (JsonNode page : answer.path("results")) {
            String id = NotionApi.text(page, "id");
            if (id != null) {
                results.add(Map.of("id", id, "properties", api.toMap(page.get("properties"))));
            }
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("results", results);
        output.put("has_more", answer.path("has_more").asBoolean(false));
        output.put("next_cursor", NotionApi.text(answer, "next_cursor"));
        return output;
    }
}
