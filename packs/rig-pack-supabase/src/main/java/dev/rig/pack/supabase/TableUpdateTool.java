package dev.rig.pack.supabase;

import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.List;
import java.util.Map;

/**
 * {@code supabase.table.update}: changes the rows matching at least one filter
 * ({@code PATCH /rest/v1/<table>?<filters>}).
 *
 * <p>It refuses an empty filter list: the original updated every row then. Updating every row is
 * {@code supabase.table.update_all}, a separate tool, because approval is decided per tool (by its
 * risk class or a policy override), never per call: only a tool of its own can hold exactly the
 * all-rows calls for a human while filtered updates stay plain writes.
 */
final class TableUpdateTool implements Tool {

    private final SupabaseApi api;
    private final ToolDef definition;

    TableUpdateTool(SupabaseApi api) {
        this.api = api;
        this.definition = ToolDef.builder("supabase.table.update")
                .description("Sets columns of the rows of a Supabase table that match the filters (at least one)"
                        + " and returns the changed rows. To change every row, use supabase.table.update_all.")
                .risk(RiskClass.WRITE)
                .authSlots(api.authSlots())
                .tags("supabase", "database")
                .inputSchema("""
                        {"type": "object",
                         "properties": {
                           "table": {"type": "string", "pattern": "%s"},
                           "data": {"type": "object", "minProperties": 1,
                                    "description": "Column name to new value."},
                           "filters": %s},
                         "required": ["table", "data", "filters"],
                         "additionalProperties": false}""".formatted(PostgrestQuery.IDENTIFIER,
                        PostgrestQuery.FILTERS_SCHEMA))
                .outputSchema("""
                        {"type": "object",
                         "properties": {"data": {"type": "array", "items": {"type": "object"},
                                                 "description": "The changed rows; empty when no row matched."}},
                         "required": ["data"],
                         "additionalProperties": false}""")
                .example("finish-todo", "Mark todo 3 done.", """
                        {"table": "todos", "data": {"done": true},
                         "filters": [{"column": "id", "op": "eq", "value": 3}]}""", """
                        {"data": [{"id": 3, "title": "Write the README", "done": true}]}""")
                .build();
    }

    @Override
    public ToolDef definition() {
        return definition;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        String table = PostgrestQuery.identifier(call.args().get("table"), "table");
        Object data = call.args().get("data");
        if (!(data instanceof Map<?, ?> row) || row.isEmpty()) {
            throw ToolException.builder(ErrorType.VALIDATION_ERROR, "data must be an object of the columns to set")
                    .hint("pass data as {\"column\": value}").build();
        }
        if (!(call.args().get("filters") instanceof List<?> filters) || filters.isEmpty()) {
            throw ToolException.builder(ErrorType.VALIDATION_ERROR, "filters is empty: supabase.table.update"
                            + " changes only rows matching at least one filter, never every row")
                    .hint("give filters, such as [{\"column\": \"id\", \"op\": \"eq\", \"value\": 5}]")
                    .hint("to change every row on purpose, call supabase.table.update_all with all_rows: true;"
                            + " it is destructive and waits for a human's approval")
                    .build();
        }
        PostgrestQuery query = new PostgrestQuery();
        query.filters(filters, "filters");
        SupabaseApi.Response response = api.send(call, SupabaseApi.Service.REST, "PATCH", table,
                query.toString(), data, "return=representation");
        return Map.of("data", Rows.of(api, response, call));
    }
}
