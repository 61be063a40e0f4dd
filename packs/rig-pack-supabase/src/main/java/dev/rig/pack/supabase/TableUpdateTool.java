package dev.rig.pack.supabase;

import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code supabase.table.update}: changes the rows matching the filters
 * ({@code PATCH /rest/v1/<table>?<filters>}), or every row when the call says {@code all_rows: true}.
 *
 * <p>No silent mass write: an update without filters is refused unless it passes {@code all_rows:
 * true}, and such a call answers {@link RiskClass#DESTRUCTIVE} from {@link #riskOf}, so the default
 * policy holds it for a human while filtered updates run at once as writes.
 *
 * <p>Supabase loads pg-safeupdate for the API's database role, which refuses an UPDATE without a
 * WHERE clause. An all-rows update therefore states a condition that holds for every row,
 * {@code c IS NULL OR c IS NOT NULL} on a column of {@code data}, and asks only for the count
 * ({@code Prefer: return=minimal, count=exact}), not the rows.
 */
final class TableUpdateTool implements Tool {

    private static final Pattern CONTENT_RANGE = Pattern.compile("(?:(\\d+)-(\\d+)|\\*)/(\\d+|\\*)");
    private static final Pattern IDENTIFIER = Pattern.compile(PostgrestQuery.IDENTIFIER);

    private final SupabaseApi api;
    private final ToolDef definition;

    TableUpdateTool(SupabaseApi api) {
        this.api = api;
        this.definition = ToolDef.builder("supabase.table.update")
                .description("Sets columns of the rows of a Supabase table that match the filters and returns the"
                        + " changed rows. Without filters it refuses, unless all_rows: true says on purpose that"
                        + " EVERY row changes: that call is destructive, waits for a human's approval, and returns"
                        + " only rows_updated.")
                .risk(RiskClass.WRITE)
                .authSlots(api.authSlots())
                .tags("supabase", "database")
                .inputSchema("""
                        {"type": "object",
                         "properties": {
                           "table": {"type": "string", "pattern": "%s"},
                           "data": {"type": "object", "minProperties": 1,
                                    "description": "Column name to new value."},
                           "filters": %s,
                           "all_rows": {"type": "boolean", "default": false,
                                        "description": "true to change every row (give no filters then). Destructive: the call waits for approval."}},
                         "required": ["table", "data"],
                         "if": {"properties": {"all_rows": {"const": true}}, "required": ["all_rows"]},
                         "then": {"properties": {"filters": {"maxItems": 0}}},
                         "additionalProperties": false}""".formatted(PostgrestQuery.IDENTIFIER,
                        PostgrestQuery.FILTERS_SCHEMA))
                .outputSchema("""
                        {"type": "object",
                         "properties": {
                           "data": {"type": "array", "items": {"type": "object"},
                                    "description": "The changed rows (empty when none matched); empty for an all_rows update."},
                           "rows_updated": {"type": ["integer", "null"], "minimum": 0,
                                            "description": "How many rows an all_rows update changed (null if PostgREST did not say); null for a filtered update."}},
                         "required": ["data", "rows_updated"],
                         "additionalProperties": false}""")
                .example("finish-todo", "Mark todo 3 done.", """
                        {"table": "todos", "data": {"done": true},
                         "filters": [{"column": "id", "op": "eq", "value": 3}]}""", """
                        {"data": [{"id": 3, "title": "Write the README", "done": true}], "rows_updated": null}""")
                .example("archive-everything", "Archive every todo (destructive: held for approval first).", """
                        {"table": "todos", "data": {"archived": true}, "all_rows": true}""", """
                        {"data": [], "rows_updated": 3}""")
                .build();
    }

    @Override
    public ToolDef definition() {
        return definition;
    }

    /** {@code destructive} for an update of every row ({@code all_rows: true}), else {@code write}. */
    @Override
    public RiskClass riskOf(Map<String, Object> args) {
        return args != null && Boolean.TRUE.equals(args.get("all_rows")) ? RiskClass.DESTRUCTIVE : RiskClass.WRITE;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        String table = PostgrestQuery.identifier(call.args().get("table"), "table");
        if (!(call.args().get("data") instanceof Map<?, ?> data) || data.isEmpty()) {
            throw ToolException.builder(ErrorType.VALIDATION_ERROR, "data must be an object of the columns to set")
                    .hint("pass data as {\"column\": value}").build();
        }
        Object filters = call.args().get("filters");
        boolean hasFilters = filters instanceof List<?> list && !list.isEmpty();
        boolean allRows = Boolean.TRUE.equals(call.args().get("all_rows"));
        if (hasFilters && allRows) {
            throw ToolException.builder(ErrorType.VALIDATION_ERROR, "filters together with all_rows: true is"
                            + " ambiguous: the call would change either the matching rows or every row")
                    .hint("to change the matching rows, drop all_rows")
                    .hint("to change every row, drop filters (the call then waits for approval)")
                    .build();
        }
        Map<String, Object> output = new LinkedHashMap<>();
        if (allRows) {
            SupabaseApi.Response response = api.send(call, SupabaseApi.Service.REST, "PATCH", table,
                    everyRow(data).toString(), data, "return=minimal, count=exact");
            Long rows = rowsUpdated(response.headers().firstValue("Content-Range").orElse(null));
            output.put("data", List.of());
            // An int when it fits, as JSON parsers give small numbers back.
            output.put("rows_updated", rows == null ? null : rows <= Integer.MAX_VALUE ? (Object) rows.intValue() : rows);
            return output;
        }
        if (!hasFilters) {
            throw ToolException.builder(ErrorType.VALIDATION_ERROR, "filters is empty: supabase.table.update"
                            + " changes only rows matching at least one filter unless all_rows: true is given")
                    .hint("give filters, such as [{\"column\": \"id\", \"op\": \"eq\", \"value\": 5}]")
                    .hint("to change every row on purpose, pass all_rows: true without filters; the call is then"
                            + " destructive and waits for a human's approval")
                    .build();
        }
        PostgrestQuery query = new PostgrestQuery();
        query.filters(filters, "filters");
        SupabaseApi.Response response = api.send(call, SupabaseApi.Service.REST, "PATCH", table,
                query.toString(), data, "return=representation");
        output.put("data", Rows.of(api, response, call));
        output.put("rows_updated", null);
        return output;
    }

    /**
     * A condition true for every row, {@code or=(c.is.null,c.not.is.null)} on the first column of
     * {@code data} that is a plain identifier, so pg-safeupdate sees a WHERE clause.
     */
    private static PostgrestQuery everyRow(Map<?, ?> data) throws ToolException {
        for (Object key : data.keySet()) {
            if (key instanceof String column && IDENTIFIER.matcher(column).matches()) {
                return new PostgrestQuery().add("or", "(" + column + ".is.null," + column + ".not.is.null)");
            }
        }
        throw ToolException.builder(ErrorType.VALIDATION_ERROR, "data names no plain column for an all_rows update:"
                        + " the condition that matches every row needs one")
                .hint("include at least one column named by letters, digits and _ in data")
                .build();
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
