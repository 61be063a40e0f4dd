package dev.rig.pack.supabase;

import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.List;
import java.util.Map;

/** {@code supabase.table.insert}: inserts one row or several ({@code POST /rest/v1/<table>}). */
final class TableInsertTool implements Tool {

    private final SupabaseApi api;
    private final ToolDef definition;

    TableInsertTool(SupabaseApi api) {
        this.api = api;
        this.definition = ToolDef.builder("supabase.table.insert")
                .description("Inserts a row (an object) or several (a list of objects with the same columns) into"
                        + " a Supabase table and returns the inserted rows.")
                .risk(RiskClass.WRITE)
                .authSlots(api.authSlots())
                .tags("supabase", "database")
                .inputSchema("""
                        {"type": "object",
                         "properties": {
                           "table": {"type": "string", "pattern": "%s"},
                           "data": {"description": "Column name to value: one object, or a list of them.",
                                    "oneOf": [{"type": "object", "minProperties": 1},
                                              {"type": "array", "minItems": 1, "maxItems": 1000,
                                               "items": {"type": "object", "minProperties": 1}}]}},
                         "required": ["table", "data"],
                         "additionalProperties": false}""".formatted(PostgrestQuery.IDENTIFIER))
                .outputSchema("""
                        {"type": "object",
                         "properties": {"data": {"type": "array", "items": {"type": "object"},
                                                 "description": "The inserted rows, with defaults filled in."}},
                         "required": ["data"],
                         "additionalProperties": false}""")
                .example("one-todo", "Add a todo; the table fills in id and done.", """
                        {"table": "todos", "data": {"title": "Write the README"}}""", """
                        {"data": [{"id": 3, "title": "Write the README", "done": false}]}""")
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
        boolean rows = data instanceof Map<?, ?> row ? !row.isEmpty()
                : data instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(Map.class::isInstance);
        if (!rows) {
            throw ToolException.builder(ErrorType.VALIDATION_ERROR, "data must be an object or a non-empty list"
                    + " of objects").hint("pass data as {\"column\": value}").build();
        }
        SupabaseApi.Response response = api.send(call, SupabaseApi.Service.REST, "POST", table, "", data,
                "return=representation");
        return Map.of("data", Rows.of(api, response, call));
    }
}
