package dev.rig.pack.notion;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolException;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the Notion tools share: the id schema and the {@code {id, url}} answer of the page tools. */
final class Pages {

    /** A Notion id: 32 hex digits, with or without the dashes of a UUID. */
    static final String ID_SCHEMA = """
            {"type": "string",
             "pattern": "^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$"}""";

    static final String REFERENCE_SCHEMA = """
            {
              "type": "object",
              "properties": {
                "id": {"type": "string", "description": "The page's id."},
                "url": {"type": ["string", "null"], "description": "The page's notion.so address."}
              },
              "required": ["id", "url"],
              "additionalProperties": false
            }""";

    private Pages() {
    }

    /**
     * The {@code {id, url}} of the page Notion answered with.
     *
     * @throws ToolException {@code upstream_error} when the answer has no id (the change may have been made)
     */
    static Map<String, Object> reference(JsonNode page, String done) throws ToolException {
        String id = NotionApi.text(page, "id");
        if (id == null) {
            throw ToolException.builder(ErrorType.UPSTREAM_ERROR, "Notion " + done + " but answered without its id")
                    .hint("the change may have been made: find the page with notion.search before trying again")
                    .build();
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("id", id);
        output.put("url", NotionApi.text(page, "url"));
        return output;
    }
}
