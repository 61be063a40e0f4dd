package dev.rig.pack.google;

import com.google.api.services.sheets.v4.model.ValueRange;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code google.sheets.values.get}: reads a range of a spreadsheet (GET /v4/spreadsheets/{id}/values/{range}). */
final class SheetsValuesGetTool implements Tool {

    static final String EXAMPLE_ID = "1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms";

    private static final ToolDef DEFINITION = ToolDef.builder("google.sheets.values.get")
            .description("Reads the cell values of a range of a Google Sheets spreadsheet, row by row. The"
                    + " spreadsheet must be shared with the service account of GOOGLE_CREDENTIALS_JSON.")
            .risk(RiskClass.READ)
            .authSlots(ServiceAccounts.SLOT)
            .tags("google", "sheets")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "spreadsheet_id": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[A-Za-z0-9_-]+$",
                          "description": "The id in the spreadsheet's URL: docs.google.com/spreadsheets/d/<id>/edit."},
                        "range": {"type": "string", "minLength": 1, "maxLength": 500,
                          "description": "A1 notation (Sheet1!A1:C10, 'My Sheet'!B:B) or a named range."},
                        "major_dimension": {"enum": ["ROWS", "COLUMNS"], "default": "ROWS",
                          "description": "ROWS gives one array per row, COLUMNS one per column."},
                        "value_render_option": {"enum": ["FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA"],
                          "default": "FORMATTED_VALUE",
                          "description": "Values as shown (text), as raw numbers and booleans, or formulas."}
                      },
                      "required": ["spreadsheet_id", "range"],
                      "additionalProperties": false
                    }""")
            .outputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "range": {"type": ["string", "null"], "description": "The range read, in A1 notation."},
                        "major_dimension": {"type": ["string", "null"]},
                        "values": {"type": "array", "description": "Empty trailing rows and cells are left out.",
                          "items": {"type": "array", "items": {"type": ["string", "number", "boolean", "null"]}}}
                      },
                      "required": ["range", "values"],
                      "additionalProperties": false
                    }""")
            .example("first-rows", "The header and first two rows of Google's sample sheet.", """
                    {"spreadsheet_id": "%s", "range": "Class Data!A1:C3"}""".formatted(EXAMPLE_ID), """
                    {"range": "'Class Data'!A1:C3", "major_dimension": "ROWS",
                     "values": [["Student Name", "Gender", "Class Level"], ["Alexandra", "Female", "4. Senior"],
                                ["Andrew", "Male", "1. Freshman"]]}""")
            .example("raw-column", "A whole column as numbers rather than formatted text.", """
                    {"spreadsheet_id": "%s", "range": "Scores!B:B", "major_dimension": "COLUMNS",
                     "value_render_option": "UNFORMATTED_VALUE"}""".formatted(EXAMPLE_ID), null)
            .build();

    private final GoogleClients google;

    SheetsValuesGetTool(GoogleClients google) {
        this.google = google;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        String spreadsheetId = Args.required(call, "spreadsheet_id");
        String range = Args.required(call, "range");
        String dimension = Args.optional(call, "major_dimension", "ROWS");
        String render = Args.optional(call, "value_render_option", "FORMATTED_VALUE");
        ValueRange answer = google.sheets(call, sheets -> sheets.spreadsheets().values().get(spreadsheetId, range)
                .setMajorDimension(dimension)
                .setValueRenderOption(render)
                .execute());
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("range", answer.getRange());
        output.put("major_dimension", answer.getMajorDimension());
        output.put("values", answer.getValues() == null ? List.of() : Args.plain(answer.getValues()));
        return output;
    }
}
