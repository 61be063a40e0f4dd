package dev.rig.pack.airtable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolException;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the Airtable tools share: the schemas of their ids and the {@code {id, fields}} of a record. */
final class Records {

    static final String BASE_ID_SCHEMA = """
            {"type": "string", "pattern": "^app[A-Za-z0-9]{14}$",
             "description": "The base's id (app...), as in the base's URL."}""";

    static final String TABLE_NAME_SCHEMA = """
            {"type": "string", "minLength": 1, "maxLength": 255,
             "description": "The table's name (spaces allowed) or id (tbl...)."}""";

    static final String RECORD_ID_SCHEMA = """
            {"type": "string", "pattern": "^rec[A-Za-z0-9]{14}$", "description": "The record's id (rec...)."}""";

    static final String FIELDS_SCHEMA = """
            {"type": "object",
             "description": "Cell values by field name, such as {\\"Name\\": \\"Ada\\", \\"Done\\": true}."}""";

    static final String RECORD_SCHEMA = """
            {
              "type": "object",
              "properties": {
                "id": {"type": "string", "description": "The record's id (rec...)."},
                "fields": {"type": "object", "description": "The record's non-empty cell values by field name."}
              },
              "required": ["id", "fields"],
              "additionalProperties": false
            }""";

    private Records() {
    }

    /**
     * The {@code {id, fields}} of the record Airtable answered with.
     *
     * @throws ToolException {@code upstream_error} when the answer has no id (the change may have been made)
     */
    static Map<String, Object> record(AirtableApi api, JsonNode record, String done) throws ToolException {
        String id = AirtableApi.text(record, "id");
        if (id == null) {
            throw ToolException.builder(ErrorType.UPSTREAM_ERROR, "Airtable " + done + " but answered without its id")
                    .hint("the change may have been made: look for the record with airtable.records.list before"
                            + " trying again")
                    .build();
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("id", id);
        output.put("fields", api.toMap(record.get("fields")));
        return output;
    }
}
