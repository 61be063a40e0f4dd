package dev.rig.pack.airtable;

import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.Map;

/** {@code airtable.records.create}: adds one record to a table ({@code POST /v0/{base}/{table}}). */
final class CreateRecordTool implements Tool {

    private static final ToolDef DEFINITION = ToolDef.builder("airtable.records.create")
            .description("Adds a record to an Airtable table and answers it with its id.")
            .risk(RiskClass.WRITE)
            .authSlots(AirtableApi.TOKEN_SLOT)
            .tags("airtable", "records")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {"base_id": %s, "table_name": %s, "fields": %s},
                      "required": ["base_id", "table_name", "fields"],
                      "additionalProperties": false
                    }""".formatted(Records.BASE_ID_SCHEMA, Records.TABLE_NAME_SCHEMA, Records.FIELDS_SCHEMA))
            .outputSchema(Records.RECORD_SCHEMA)
            .example("task", "Add a task.", """
                    {"base_id": "appY3WxIBCdKPDdIa", "table_name": "Open Tasks",
                     "fields": {"Name": "Write the launch post", "Status": "Todo"}}""",
                    """
                    {"id": "recJ7BbkqKq8bRXSP",
                     "fields": {"Name": "Write the launch post", "Status": "Todo"}}""")
            .build();

    private final AirtableApi api;

    CreateRecordTool(AirtableApi api) {
        this.api = api;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        return Records.record(api, api.send(call, "POST", AirtableApi.tablePath(call),
                Map.of("fields", call.args().get("fields"))), "created the record");
    }
}
