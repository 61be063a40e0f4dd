package dev.rig.pack.supabase;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The rows of a PostgREST answer ({@code Prefer: return=representation}) as JSON-like values. */
final class Rows {

    private Rows() {}

    /**
     * The answer's rows: its JSON array as a list of maps; an empty list for an empty body.
     *
     * @throws ToolException {@code upstream_error} when the body is not a list of objects
     */
    static List<Object> of(SupabaseApi api, SupabaseApi.Response response, ToolCall call) throws ToolException {
        JsonNode body = response.body();
        if (body == null) {
            return List.of();
        }
        JsonNode rows = body.isObject() ? api.json().createArrayNode().add(body) : body;
        if (!rows.isArray()) {
            throw notRows(call);
        }
        List<Object> result = new ArrayList<>(rows.size());
        for (JsonNode row : rows) {
            if (!row.isObject()) {
                throw notRows(call);
            }
            result.add(api.json().convertValue(row, Map.class));
        }
        return result;
    }

    private static ToolException notRows(ToolCall call) {
        return ToolException.builder(ErrorType.UPSTREAM_ERROR, "PostgREST answered " + call.toolName()
                        + " with something other than rows")
                .hint("check that the project URL points at a Supabase project")
                .build();
    }
}
