package dev.rig.pack.notion;

import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code notion.pages.create}: creates a page under a page or a row in a database ({@code POST /v1/pages}). */
final class CreatePageTool implements Tool {

    private static final ToolDef DEFINITION = ToolDef.builder("notion.pages.create")
            .description("Creates a Notion page: a sub-page of a page, or a row of a database. The parent must be"
                    + " shared with the integration.")
            .risk(RiskClass.WRITE)
            .authSlots(NotionApi.TOKEN_SLOT)
            .tags("notion", "pages")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "parent": {
                          "description": "Where the page goes: {\\"page_id\\": ...} for a sub-page, {\\"database_id\\": ...} for a database row.",
                          "oneOf": [
                            {"type": "object",
                             "properties": {"type": {"const": "page_id"}, "page_id": %1$s},
                             "required": ["page_id"], "additionalProperties": false},
                            {"type": "object",
                             "properties": {"type": {"const": "database_id"}, "database_id": %1$s},
                             "required": ["database_id"], "additionalProperties": false}
                          ]
                        },
                        "properties": {
                          "type": "object",
                          "description": "Property values by property name, in Notion's property value format. Under a page parent only \\"title\\" is allowed; under a database they must match its schema. Default: none."
                        },
                        "children": {
                          "type": "array", "maxItems": 100, "items": {"type": "object"},
                          "description": "Content as Notion block objects (at most 100)."
                        }
                      },
                      "required": ["parent"],
                      "additionalProperties": false
                    }""".formatted(Pages.ID_SCHEMA))
            .outputSchema(Pages.REFERENCE_SCHEMA)
            .example("sub-page", "A sub-page with a title and one paragraph.", """
                    {"parent": {"page_id": "b55c9c91-384d-452b-81db-d1ef79372b75"},
                     "properties": {"title": {"title": [{"text": {"content": "Meeting notes"}}]}},
                     "children": [{"object": "block", "type": "paragraph",
                                   "paragraph": {"rich_text": [{"text": {"content": "Agenda: launch."}}]}}]}""",
                    """
                    {"id": "59833787-2cf9-4fdf-8782-e53db20768a5",
                     "url": "https://www.notion.so/Meeting-notes-598337872cf94fdf8782e53db20768a5"}""")
            .example("database-row", "A row of a task database.", """
                    {"parent": {"database_id": "d9824bdc-8445-4327-be8b-5b47500af6ce"},
                     "properties": {"Name": {"title": [{"text": {"content": "Write the launch post"}}]},
                                    "Status": {"select": {"name": "Doing"}}}}""", null)
            .build();

    private final NotionApi api;

    CreatePageTool(NotionApi api) {
        this.api = api;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("parent", call.args().get("parent"));
        body.put("properties", call.args().getOrDefault("properties", Map.of()));
        if (call.args().get("children") != null) {
            body.put("children", call.args().get("children"));
        }
        return Pages.reference(api.send(call, "POST", "/v1/pages", body), "created the page");
    }
}
