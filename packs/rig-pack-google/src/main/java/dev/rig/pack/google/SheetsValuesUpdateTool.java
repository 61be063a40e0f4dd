package dev.rig.pack.google;

import com.google.api.client.util.Data;
import com.google.api.services.sheets.v4.model.UpdateValuesResponse;
import com.google.api.services.sheets.v4.model.ValueRange;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code google.sheets.values.update}: writes values into a range (PUT
 * /v4/spreadsheets/{id}/values/{range}?valueInputOption=USER_ENTERED).
 *
 * <p>Declared idempotent: the request replaces the cells of a fixed range with fixed values, so a
 * second attempt leaves the sheet as the first one did (the HTTP PUT of the API says as much).
 */
final class SheetsValuesUpdateTool implements Tool {

    private static final ToolDef DEFINITION = ToolDef.builder("google.sheets.values.update")
            .description("Writes values into a range of a Google Sheets spreadsheet, replacing what the cells held."
                    + " With USER_ENTERED (default) text is parsed as if typed (numbers, dates, =formulas); RAW"
                    + " stores it as is. A null cell is left unchanged; \"\" clears it. The spreadsheet must be"
                    + " shared with the service account as an editor.")
            .risk(RiskClass.WRITE)
            .idempotent(true)
            .authSlots(ServiceAccounts.SLOT)
            .tags("google", "sheets")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "spreadsheet_id": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[A-Za-z0-9_-]+$",
                          "description": "The id in the spreadsheet's URL: docs.google.com/spreadsheets/d/<id>/edit."},
                        "range": {"type": "string", "minLength": 1, "maxLength": 500,
                          "description": "A1 notation of the cells to write; the values start at its top-left cell."},
                        "values": {"type": "array", "minItems": 1, "maxItems": 10000,
                          "description": "Rows (or columns, see major_dimension) of cell values.",
                          "items": {"type": "array", "maxItems": 1000,
                            "items": {"type": ["string", "number", "boolean", "null"]}}},
                        "value_input_option": {"enum": ["USER_ENTERED", "RAW"], "default": "USER_ENTERED"},
                        "major_dimension": {"enum": ["ROWS", "COLUMNS"], "default": "ROWS"}
                      },
                      "required": ["spreadsheet_id", "range", "values"],
                      "additionalProperties": false
                    }""")
            .outputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "spreadsheet_id": {"type": ["string", "null"]},
                        "updated_range": {"type": ["string", "null"], "description": "The range written, in A1 notation."},
                        "updated_rows": {"type": "integer", "minimum": 0},
                        "updated_columns": {"type": "integer", "minimum": 0},
                        "updated_cells": {"type": "integer", "minimum": 0}
                      },
                      "required": ["updated_cells", "updated_range"],
                      "additionalProperties": false
                    }""")
            .example("table", "Write a header row and one data row.", """
                    {"spreadsheet_id": "%s", "range": "Sheet1!A1:B2",
                     "values": [["Name", "Score"], ["Ada", 97]]}""".formatted(SheetsValuesGetTool.EXAMPLE_ID), """
                    {"spreadsheet_id": "%s", "updated_range": "Sheet1!A1:B2",
                     "updated_rows": 2, "updated_columns": 2, "updated_cells": 4}""".formatted(SheetsValuesGetTool.EXAMPLE_ID))
            .example("formula", "Put a formula in a cell: USER_ENTERED evaluates it.", """
                    {"spreadsheet_id": "%s", "range": "Sheet1!C2", "values": [["=B2*2"]]}"""
                    .formatted(SheetsValuesGetTool.EXAMPLE_ID), null)
            .build();

    private final GoogleClients google;

    SheetsValuesUpdateTool(GoogleClients google) {
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
        List<List<Object>> values = Args.grid(call, "values");
        String input = Args.optional(call, "value_input_option", "USER_ENTERED");
        String dimension = Args.optional(call, "major_dimension", "ROWS");
        ValueRange body = new ValueRange().setRange(range).setMajorDimension(dimension).setValues(withJsonNulls(values));
        UpdateValuesResponse answer = google.sheets(call, sheets -> sheets.spreadsheets().values()
                .update(spreadsheetId, range, body)
                .setValueInputOption(input)
                .execute());
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("spreadsheet_id", answer.getSpreadsheetId());
        output.put("updated_range", answer.getUpdatedRange());
        output.put("updated_rows", count(answer.getUpdatedRows()));
        output.put("updated_columns", count(answer.getUpdatedColumns()));
        output.put("updated_cells", count(answer.getUpdatedCells()));
        return output;
    }

    /**
     * google-http-client writes nothing for a Java null inside a list, which would shift the cells
     * after it one place left; its null marker is written as JSON {@code null} (cell left unchanged).
     */
    private static List<List<Object>> withJsonNulls(List<List<Object>> values) {
        Object jsonNull = Data.nullOf(Object.class);
        List<List<Object>> out = new ArrayList<>(values.size());
        for (List<Object> row : values) {
            List<Object> copy = new ArrayList<>(row.size());
            for (Object cell : row) {
                copy.add(cell == null ? jsonNull : cell);
            }
            out.add(copy);
        }
        return out;
    }

    /** Google leaves zero counts out of its answer. */
    private static long count(Integer value) {
        return value == null ? 0L : value.longValue();
    }
}
