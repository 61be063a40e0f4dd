package dev.rig.pack.airtable;

import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.Map;

/** {@code airtable.records.update}: changes some fields of one record ({@code PATCH /v0/{base}/{table}/{id}}). */
final class UpdateRecordTool implements Tool {

    private static final ToolDef DEFINITION = ToolDef.builder("airtable.records.update")
            .description("Changes the given fields of an Airtable record; fields not named keep their values.")
            .risk(RiskClass.WRITE)
            .authSlots(AirtableApi.TOKEN_SLOT)
            .tags("airtable", "records")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {"base_id": %s, "table_name": %s, "record_id": %s, "fields": %s},
                      "required": ["base_id", "table_name", "record_id", "fields"],
                      "additionalProperties": false
                    }""".formatted(Records.BASE_ID_SCHEMA, Records.TABLE_NAME_SCHEMA, Records.RECORD_ID_SCHEMA,
                    Records.FIELDS_SCHEMA))
            .outputSchema(Records.RECORD_SCHEMA)
            .example("done", "Mark a task done.", """
                    {"base_id": "appY3WxIBCdKPDdIa", "table_name": "Open Tasks", "record_id": "recJ7BbkqKq8bRXSP",
                     "fields": {"Status": "Done"}}""",
                    """
                    {"id": "recJ7BbkqKq8bRXSP",
                     "fields": {"Name": "Write the launch post", "Status": "Done"}}""")
            .build();

    private final AirtableApi api;

    UpdateRecordTool(AirtableApi api) {
        this.api = api;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        String target = AirtableApi.tablePath(call) + "/" + AirtableApi.encode(call.string("record_id"));
        return Records.record(api, api.send(call, "PATCH", target, Map.of("fields", call.args().get("fields"))),
                "updated the record");
    }
}
