package dev.rig.pack.supabase;

import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code supabase.table.update_all}: sets columns of every row of a table. Risk class
 * {@code destructive}, so the default policy holds each call for a human's approval; it exists apart
 * from {@code supabase.table.update} because RIG decides approval per tool, not per argument.
 *
 * <p>Supabase loads pg-safeupdate for the API's database role, which refuses an UPDATE without a
 * WHERE clause. An approved all-rows update states its condition instead of omitting it: it filters
 * on {@code c IS NULL OR c IS NOT NULL} for the first column of {@code data}, which holds for every
 * row. The answer carries only the count ({@code Prefer: return=minimal, count=exact}), not the rows.
 */
final class TableUpdateAllTool implements Tool {

    private static final Pattern CONTENT_RANGE = Pattern.compile("(?:(\\d+)-(\\d+)|\\*)/(\\d+|\\*)");

    private final SupabaseApi api;
    private final ToolDef definition;

    TableUpdateAllTool(SupabaseApi api) {
        this.api = api;
        this.definition = ToolDef.builder("supabase.table.update_all")
                .description("Sets columns of EVERY row of a Supabase table (no filter) and returns how many rows"
                        + " changed. Destructive: the call waits for a human's approval. To change some rows,"
                        + " use supabase.table.update with filters.")
                .risk(RiskClass.DESTRUCTIVE)
                .authSlots(api.authSlots())
                .tags("supabase", "database")
                .inputSchema("""
                        {"type": "object",
                         "properties": {
                           "table": {"type": "string", "pattern": "%s"},
                           "data": {"type": "object", "minProperties": 1,
                                    "propertyNames": {"pattern": "%s"},
                                    "description": "Column name to new value, set on every row."},
                           "all_rows": {"const": true,
                                        "description": "Must be true: says on purpose that every row changes."}},
                         "required": ["table", "data", "all_rows"],
                         "additionalProperties": false}""".formatted(PostgrestQuery.IDENTIFIER,
                        PostgrestQuery.IDENTIFIER))
                .outputSchema("""
                        {"type": "object",
                         "properties": {"rows_updated": {"type": ["integer", "null"], "minimum": 0,
                                         "description": "How many rows changed; null if PostgREST did not say."}},
                         "required": ["rows_updated"],
                         "additionalProperties": false}""")
                .example("archive-everything", "Archive every todo (held for approval first).", """
                        {"table": "todos", "data": {"archived": true}, "all_rows": true}""", """
                        {"rows_updated": 3}""")
                .build();
    }

    @Override
    public ToolDef definition() {
        return definition;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        String table = PostgrestQuery.identifier(call.args().get("table"), "table");
        if (!Boolean.TRUE.equals(call.args().get("all_rows"))) {
            throw ToolException.builder(ErrorType.VALIDATION_ERROR, "all_rows must be true: this tool changes"
                    + " every row").hint("to change some rows, call supabase.table.update with filters").build();
        }
        if (!(call.args().get("data") instanceof Map<?, ?> data) || data.isEmpty()) {
            throw ToolException.builder(ErrorType.VALIDATION_ERROR, "data must be an object of the columns to set")
                    .hint("pass data as {\"column\": value}").build();
        }
        String column = PostgrestQuery.identifier(data.keySet().iterator().next(), "data's first column");
        PostgrestQuery everyRow = new PostgrestQuery().add("or", "(" + column + ".is.null," + column + ".not.is.null)");
        SupabaseApi.Response response = api.send(call, SupabaseApi.Service.REST, "PATCH", table,
                everyRow.toString(), data, "return=minimal, count=exact");
        Map<String, Object> output = new HashMap<>();
        Long rows = rowsUpdated(response.headers().firstValue("Content-Range").orElse(null));
        // An int when it fits, as JSON parsers give small numbers back.
        output.put("rows_updated", rows == null ? null : rows <= Integer.MAX_VALUE ? (Object) rows.intValue() : rows);
        return output;
    }

    /** The count from {@code Content-Range} ({@code 0-24/25}, {@code *}{@code /0}); null when absent or unknown. */
    static Long rowsUpdated(String contentRange) {
        if (contentRange == null) {
            return null;
        }
        Matcher range = CONTENT_RANGE.matcher(contentRange.strip());
        if (!range.matches()) {
            return null;
        }
        if (!"*".equals(range.group(3))) {
            return Long.parseLong(range.group(3));
        }
        return range.group(1) == null ? null : Long.parseLong(range.group(2)) - Long.parseLong(range.group(1)) + 1;
    }
}
