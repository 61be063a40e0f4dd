package dev.rig.pack.airtable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code airtable.records.list}: the records of a table that match a formula, up to max_records
 * ({@code GET /v0/{base}/{table}}, following Airtable's {@code offset} from page to page).
 */
final class ListRecordsTool implements Tool {

    static final int DEFAULT_MAX_RECORDS = 100;

    /** Airtable's largest page. */
    private static final int PAGE_SIZE = 100;

    private static final ToolDef DEFINITION = ToolDef.builder("airtable.records.list")
            .description("Lists the records of an Airtable table, those matching a formula when one is given,"
                    + " up to max_records (fetched 100 per request).")
            .risk(RiskClass.READ)
            .authSlots(AirtableApi.TOKEN_SLOT)
            .tags("airtable", "records")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "base_id": %s,
                        "table_name": %s,
                        "formula": {"type": "string", "minLength": 1, "maxLength": 4000,
                                    "description": "An Airtable formula a record must make true, such as {Status} = 'Done'."},
                        "max_records": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}
                      },
                      "required": ["base_id", "table_name"],
                      "additionalProperties": false
                    }""".formatted(Records.BASE_ID_SCHEMA, Records.TABLE_NAME_SCHEMA))
            .outputSchema("""
                    {
                      "type": "object",
                      "properties": {"records": {"type": "array", "items": %s}},
                      "required": ["records"],
                      "additionalProperties": false
                    }""".formatted(Records.RECORD_SCHEMA))
            .example("done", "Tasks that are done, at most 20.", """
                    {"base_id": "appY3WxIBCdKPDdIa", "table_name": "Open Tasks",
                     "formula": "{Status} = 'Done'", "max_records": 20}""",
                    """
                    {"records": [{"id": "recJ7BbkqKq8bRXSP",
                                  "fields": {"Name": "Write the launch post", "Status": "Done"}}]}""")
            .build();

    private final AirtableApi api;

    ListRecordsTool(AirtableApi api) {
        this.api = api;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        int maxRecords = ((Number) call.args().getOrDefault("max_records", DEFAULT_MAX_RECORDS)).intValue();
        String formula = call.string("formula");
        String firstPage = AirtableApi.tablePath(call) + "?pageSize=" + Math.min(PAGE_SIZE, maxRecords)
                + "&maxRecords=" + maxRecords + (formula == null ? "" : "&filterByFormula=" + AirtableApi.encode(formula));

        List<Map<String, Object>> records = new ArrayList<>();
        String offset = null;
        int pages = 0;
        do {
            String target = offset == null ? firstPage : firstPage + "&offset=" + AirtableApi.encode(offset);
            JsonNode answer = api.send(call, "GET", target, null);
            int before = records.size();
            for (JsonNode record : answer.path("records")) {
                String id = AirtableApi.text(record, "id");
                if (id != null && records.size() < maxRecords) {
                    records.add(Map.of("id", id, "fields", api.toMap(record.get("fields"))));
                }
            }
            pages++;
            call.progress(records.size(), (double) maxRecords, "page " + pages + ": " + records.size() + " records");
            offset = records.size() > before ? AirtableApi.text(answer, "offset") : null;
        } while (offset != null && records.size() < maxRecords);
        return Map.of("records", records);
    }
}
