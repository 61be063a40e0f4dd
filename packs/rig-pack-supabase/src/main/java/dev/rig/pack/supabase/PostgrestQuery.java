package dev.rig.pack.supabase;

import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A PostgREST query string built from structured arguments: table and column names must be plain
 * identifiers, each filter is {@code {column, op, value, negate}} with an operator from a fixed list,
 * and every name and value is percent-encoded, so no caller text can add a parameter or an operator.
 *
 * <p>A filter {@code {"column": "id", "op": "eq", "value": 5}} becomes {@code id=eq.5}; {@code in}
 * takes a list and quotes each item ({@code status=in.("a,b","c")}, backslash-escaping {@code "} and
 * {@code \}), since PostgREST reserves {@code , . : ( )} inside lists; {@code negate} prefixes
 * {@code not.}.
 */
final class PostgrestQuery {

    /** A table or column name: a Postgres identifier that needs no quoting. */
    static final String IDENTIFIER = "^[A-Za-z_][A-Za-z0-9_]{0,62}$";

    /** What the {@code columns} (PostgREST {@code select}) argument may hold: names, *, embeds, casts, aliases. */
    static final String COLUMNS = "^[A-Za-z0-9_*,.:()! >-]{1,1000}$";

    static final List<String> OPERATORS = List.of("eq", "neq", "gt", "gte", "lt", "lte", "like", "ilike", "is", "in");

    private static final Pattern IDENTIFIER_PATTERN = Pattern.compile(IDENTIFIER);
    private static final Pattern COLUMNS_PATTERN = Pattern.compile(COLUMNS);
    private static final Set<String> IS_VALUES = Set.of("null", "true", "false", "unknown");

    /** The JSON Schema of the {@code filters} argument. */
    static final String FILTERS_SCHEMA = """
            {"type": "array", "maxItems": 50,
             "description": "Conditions every row must meet (AND). {column, op, value}: eq, neq, gt, gte, lt, lte take a string, number or boolean; like and ilike a pattern with * or %% as wildcard; is null, true, false or \\"unknown\\"; in a list. negate: true puts NOT before the condition.",
             "items": {"type": "object",
               "properties": {
                 "column": {"type": "string", "pattern": "%s"},
                 "op": {"enum": %s},
                 "value": {"type": ["string", "number", "boolean", "null", "array"], "maxItems": 1000,
                           "items": {"type": ["string", "number", "boolean"]}},
                 "negate": {"type": "boolean", "default": false}},
               "required": ["column", "op", "value"],
               "additionalProperties": false}}""".formatted(IDENTIFIER.replace("\\", "\\\\"),
            OPERATORS.stream().map(op -> "\"" + op + "\"").toList());

    private final StringBuilder text = new StringBuilder();

    /** Adds one parameter; name and value are percent-encoded. */
    PostgrestQuery add(String name, String value) {
        if (!text.isEmpty()) {
            text.append('&');
        }
        text.append(encode(name)).append('=').append(encode(value));
        return this;
    }

    /** The encoded query, without {@code ?}; empty when no parameter was added. */
    @Override
    public String toString() {
        return text.toString();
    }

    /**
     * Adds the filters of argument {@code field} (a list of filter objects, or null for none).
     *
     * @return how many filters were added
     * @throws ToolException {@code validation_error} naming the filter and field at fault
     */
    int filters(Object value, String field) throws ToolException {
        if (value == null) {
            return 0;
        }
        if (!(value instanceof List<?> filters)) {
            throw invalid(field, "must be a list of {column, op, value} objects");
        }
        for (int i = 0; i < filters.size(); i++) {
            String at = field + "[" + i + "]";
            if (!(filters.get(i) instanceof Map<?, ?> filter)) {
                throw invalid(at, "must be an object {column, op, value}");
            }
            String column = identifier(filter.get("column"), at + ".column");
            if (!(filter.get("op") instanceof String op) || !OPERATORS.contains(op)) {
                throw invalid(at + ".op", "must be one of " + String.join(", ", OPERATORS));
            }
            if (!filter.containsKey("value")) {
                throw invalid(at + ".value", "is required (null only with op is)");
            }
            String rendered = op + "." + operand(op, filter.get("value"), at + ".value");
            boolean negate = Boolean.TRUE.equals(filter.get("negate"));
            add(column, negate ? "not." + rendered : rendered);
        }
        return filters.size();
    }

    /** Adds {@code order=a.asc,b.desc} from a list of {@code {column, ascending}}; nothing for null. */
    void order(Object value, String field) throws ToolException {
        if (value == null) {
            return;
        }
        if (!(value instanceof List<?> items) || items.isEmpty()) {
            throw invalid(field, "must be a non-empty list of {column, ascending} objects");
        }
        StringBuilder order = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Map<?, ?> item)) {
                throw invalid(field + "[" + i + "]", "must be an object {column, ascending}");
            }
            String column = identifier(item.get("column"), field + "[" + i + "].column");
            boolean descending = Boolean.FALSE.equals(item.get("ascending"));
            order.append(i == 0 ? "" : ",").append(column).append(descending ? ".desc" : ".asc");
        }
        add("order", order.toString());
    }

    /** A table or column name, checked against {@link #IDENTIFIER}. */
    static String identifier(Object value, String field) throws ToolException {
        if (!(value instanceof String name) || !IDENTIFIER_PATTERN.matcher(name).matches()) {
            throw invalid(field, "must be a plain identifier (letters, digits, _; not starting with a digit)");
        }
        return name;
    }

    /** The {@code columns} argument, checked against {@link #COLUMNS}, spaces dropped; {@code *} when null. */
    static String columns(Object value, String field) throws ToolException {
        if (value == null) {
            return "*";
        }
        if (!(value instanceof String columns) || !COLUMNS_PATTERN.matcher(columns).matches()) {
            throw invalid(field, "must list column names separated by commas (or *)");
        }
        // PostgREST's select grammar has no spaces; "id, title" means id,title.
        return columns.replace(" ", "");
    }

    private static String operand(String op, Object value, String field) throws ToolException {
        return switch (op) {
            case "is" -> {
                String text = value == null ? "null" : value instanceof Boolean b ? b.toString()
                        : value instanceof String s ? s.toLowerCase(Locale.ROOT) : "";
                if (!IS_VALUES.contains(text)) {
                    throw invalid(field, "with op is must be null, true, false or \"unknown\"");
                }
                yield text;
            }
            case "in" -> {
                if (!(value instanceof List<?> items) || items.isEmpty()) {
                    throw invalid(field, "with op in must be a non-empty list");
                }
                StringBuilder list = new StringBuilder("(");
                for (int i = 0; i < items.size(); i++) {
                    String item = scalar(items.get(i), field + "[" + i + "]");
                    list.append(i == 0 ? "" : ",").append('"')
                            .append(item.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                }
                yield list.append(')').toString();
            }
            case "like", "ilike" -> {
                if (!(value instanceof String pattern)) {
                    throw invalid(field, "with op " + op + " must be a string pattern (* or % as wildcard)");
                }
                yield pattern;
            }
            default -> {
                if (value == null) {
                    throw invalid(field, "is null: compare with null by op is");
                }
                yield scalar(value, field);
            }
        };
    }

    private static String scalar(Object value, String field) throws ToolException {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Boolean flag) {
            return flag.toString();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).toPlainString();
        }
        throw invalid(field, "must be a string, number or boolean");
    }

    private static ToolException invalid(String field, String problem) {
        ToolException.Builder error = ToolException.builder(ErrorType.VALIDATION_ERROR, field + " " + problem);
        if (field.startsWith("filters")) {
            error.hint("filters look like [{\"column\": \"id\", \"op\": \"eq\", \"value\": 5}]");
        }
        return error.build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
