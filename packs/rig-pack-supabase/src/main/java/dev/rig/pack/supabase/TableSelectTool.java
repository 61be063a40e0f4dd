package dev.rig.pack.supabase;

import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.Map;

/** {@code supabase.table.select}: reads rows of a table or view ({@code GET /rest/v1/<table>}). */
final class TableSelectTool implements Tool {

    static final int DEFAULT_LIMIT = 100;

    private final SupabaseApi api;
    private final ToolDef definition;

    TableSelectTool(SupabaseApi api) {
        this.api = api;
        this.definition = ToolDef.builder("supabase.table.select")
                .description("Reads rows of a Supabase table or view, optionally filtered and ordered; at most"
                        + " limit rows (default " + DEFAULT_LIMIT + ").")
                .risk(RiskClass.READ)
                .authSlots(api.authSlots())
                .tags("supabase", "database")
                .inputSchema("""
                        {"type": "object",
                         "properties": {
                           "table": {"type": "string", "pattern": "%s", "description": "Table or view name."},
                           "columns": {"type": "string", "pattern": "%s", "default": "*",
                                       "description": "PostgREST select list: id,title or * (embeds such as author(name) work too)."},
                           "filters": %s,
                           "order": {"type": "array", "minItems": 1, "maxItems": 10,
                                     "items": {"type": "object",
                                               "properties": {"column": {"type": "string", "pattern": "%s"},
                                                              "ascending": {"type": "boolean", "default": true}},
                                               "required": ["column"], "additionalProperties": false}},
                           "limit": {"type": "integer", "minimum": 1, "maximum": 1000, "default": %d}},
                         "required": ["table"],
                         "additionalProperties": false}""".formatted(PostgrestQuery.IDENTIFIER,
                        PostgrestQuery.COLUMNS, PostgrestQuery.FILTERS_SCHEMA, PostgrestQuery.IDENTIFIER,
                        DEFAULT_LIMIT))
                .outputSchema("""
                        {"type": "object",
                         "properties": {"data": {"type": "array", "items": {"type": "object"},
                                                 "description": "The rows, as PostgREST returns them."}},
                         "required": ["data"],
                         "additionalProperties": false}""")
                .example("open-todos", "The ten newest open todos.", """
                        {"table": "todos", "columns": "id,title,done",
                         "filters": [{"column": "done", "op": "eq", "value": false}],
                         "order": [{"column": "id", "ascending": false}], "limit": 10}""", """
                        {"data": [{"id": 2, "title": "Write the README", "done": false},
                                  {"id": 1, "title": "Ship the pack", "done": false}]}""")
                .build();
    }

    @Override
    public ToolDef definition() {
        return definition;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        String table = PostgrestQuery.identifier(call.args().get("table"), "table");
        PostgrestQuery query = new PostgrestQuery()
                .add("select", PostgrestQuery.columns(call.args().get("columns"), "columns"));
        query.filters(call.args().get("filters"), "filters");
        query.order(call.args().get("order"), "order");
        query.add("limit", Integer.toString(limit(call.args().get("limit"))));
        SupabaseApi.Response response = api.send(call, SupabaseApi.Service.REST, "GET", table, query.toString(),
                null, null);
        return Map.of("data", Rows.of(api, response, call));
    }

    private static int limit(Object value) throws ToolException {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                && number.doubleValue() >= 1 && number.doubleValue() <= 1000) {
            return number.intValue();
        }
        throw ToolException.of(ErrorType.VALIDATION_ERROR, "limit must be an integer from 1 to 1000");
    }
}
