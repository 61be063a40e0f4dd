package dev.rig.pack.notion;

import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.Map;

/** {@code notion.pages.update}: changes property values of a page ({@code PATCH /v1/pages/{id}}). */
final class UpdatePageTool implements Tool {

    private static final ToolDef DEFINITION = ToolDef.builder("notion.pages.update")
            .description("Changes property values of a Notion page; properties not named keep their values.")
            .risk(RiskClass.WRITE)
            .authSlots(NotionApi.TOKEN_SLOT)
            .tags("notion", "pages")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "page_id": %s,
                        "properties": {
                          "type": "object",
                          "description": "New property values by property name, in Notion's property value format."
                        }
                      },
                      "required": ["page_id"],
                      "additionalProperties": false
                    }""".formatted(Pages.ID_SCHEMA))
            .outputSchema(Pages.REFERENCE_SCHEMA)
            .example("status", "Mark a task done.", """
                    {"page_id": "59833787-2cf9-4fdf-8782-e53db20768a5",
                     "properties": {"Status": {"select": {"name": "Done"}}}}""",
                    """
                    {"id": "59833787-2cf9-4fdf-8782-e53db20768a5",
                     "url": "https://www.notion.so/Write-the-launch-post-598337872cf94fdf8782e53db20768a5"}""")
            .build();

    private final NotionApi api;

    UpdatePageTool(NotionApi api) {
        this.api = api;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        Object properties = call.args().getOrDefault("properties", Map.of());
        return Pages.reference(api.send(call, "PATCH", "/v1/pages/" + call.string("page_id"),
                Map.of("properties", properties)), "updated the page");
    }
}
