package dev.rig.pack.airtable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.Map;

/** {@code airtable.records.delete}: deletes one record ({@code DELETE /v0/{base}/{table}/{id}}). */
final class DeleteRecordTool implements Tool {

    private static final ToolDef DEFINITION = ToolDef.builder("airtable.records.delete")
            .description("Deletes an Airtable record. Destructive: the default policy holds each call for a"
                    + " person's approval.")
            .risk(RiskClass.DESTRUCTIVE)
            .authSlots(AirtableApi.TOKEN_SLOT)
            .tags("airtable", "records")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {"base_id": %s, "table_name": %s, "record_id": %s},
                      "required": ["base_id", "table_name", "record_id"],
                      "additionalProperties": false
                    }""".formatted(Records.BASE_ID_SCHEMA, Records.TABLE_NAME_SCHEMA, Records.RECORD_ID_SCHEMA))
            .outputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "id": {"type": "string", "description": "The deleted record's id."},
                        "deleted": {"type": "boolean"}
                      },
                      "required": ["id", "deleted"],
                      "additionalProperties": false
                    }""")
            .example("task", "Delete a task.", """
                    {"base_id": "appY3WxIBCdKPDdIa", "table_name": "Open Tasks", "record_id": "recJ7BbkqKq8bRXSP"}""",
                    """
                    {"id": "recJ7BbkqKq8bRXSP", "deleted": true}""")
            .build();

    private final AirtableApi api;

    DeleteRecordTool(AirtableApi api) {
        this.api = api;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        String recordId = call.string("record_id");
        JsonNode answer = api.send(call, "DELETE",
                AirtableApi.tablePath(call) + "/" + AirtableApi.encode(recordId), null);
        String id = AirtableApi.text(answer, "id");
        return Map.of("id", id == null ? recordId : id, "deleted", answer.path("deleted").asBoolean(true));
    }
}
