package dev.rig.pack.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** google.sheets.values.update against a stub of the Sheets API. */
class SheetsValuesUpdateToolTest {

    private static final FakeGoogle GOOGLE = new FakeGoogle();
    private static final String TOOL = "google.sheets.values.update";
    private static final String PATH = "/v4/spreadsheets/sheet-123/values/Sheet1!A1:C2";

    @AfterAll
    static void stop() {
        GOOGLE.close();
    }

    @BeforeEach
    void reset() {
        GOOGLE.reset();
    }

    /** A null cell must stay in its place (JSON null: left unchanged), not vanish and shift the cells after it. */
    @Test
    void putsTheValuesAsUserEnteredAndReportsWhatChanged() throws Exception {
        GOOGLE.server.stubFor(put(urlPathEqualTo(PATH)).willReturn(SheetsValuesGetToolTest.json("""
                {"spreadsheetId": "sheet-123", "updatedRange": "Sheet1!A1:C2", "updatedRows": 2,
                 "updatedColumns": 3, "updatedCells": 5}""")));
        List<Object> second = Arrays.asList("Ada", null, 97, 2.5, true);

        Map<String, Object> output = GOOGLE.tools().get(TOOL).invoke(GOOGLE.call(TOOL, Map.of(
                "spreadsheet_id", "sheet-123", "range", "Sheet1!A1:C2",
                "values", List.of(List.of("Name", "Score", "Passed"), second))));

        assertThat(output).isEqualTo(Map.of("spreadsheet_id", "sheet-123", "updated_range", "Sheet1!A1:C2",
                "updated_rows", 2L, "updated_columns", 3L, "updated_cells", 5L));
        LoggedRequest request = GOOGLE.server.findAll(putRequestedFor(urlPathEqualTo(PATH))).get(0);
        assertThat(request.queryParameter("valueInputOption").values()).containsExactly("USER_ENTERED");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + FakeGoogle.TOKEN);
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        assertThat(equalToJson("""
                {"range": "Sheet1!A1:C2", "majorDimension": "ROWS",
                 "values": [["Name", "Score", "Passed"], ["Ada", null, 97, 2.5, true]]}""").match(request.getBodyAsString())
                .isExactMatch()).as(request.getBodyAsString()).isTrue();
        JsonNode claims = FakeGoogle.verifiedClaims(FakeGoogle.form(GOOGLE.tokenRequests().get(0)).get("assertion"));
        assertThat(claims.path("scope").asText()).isEqualTo("https://www.googleapis.com/auth/spreadsheets");
    }

    @Test
    void rawInputAndColumnsArePassedOn() throws Exception {
        GOOGLE.server.stubFor(put(urlPathEqualTo("/v4/spreadsheets/sheet-123/values/Sheet1!C2"))
                .withQueryParam("valueInputOption", equalTo("RAW"))
                .withRequestBody(equalToJson("""
                        {"range": "Sheet1!C2", "majorDimension": "COLUMNS", "values": [["=B2*2"]]}"""))
                .willReturn(SheetsValuesGetToolTest.json("""
                        {"spreadsheetId": "sheet-123", "updatedRange": "Sheet1!C2", "updatedRows": 1,
                         "updatedColumns": 1, "updatedCells": 1}""")));

        Map<String, Object> output = GOOGLE.tools().get(TOOL).invoke(GOOGLE.call(TOOL, Map.of(
                "spreadsheet_id", "sheet-123", "range", "Sheet1!C2", "values", List.of(List.of("=B2*2")),
                "value_input_option", "RAW", "major_dimension", "COLUMNS")));

        assertThat(output).containsEntry("updated_cells", 1L);
    }

    @Test
    void countsGoogleLeavesOutAreZeroAndAMissingRangeIsNull() throws Exception {
        GOOGLE.server.stubFor(put(urlPathEqualTo(PATH)).willReturn(SheetsValuesGetToolTest.json("""
                {"spreadsheetId": "sheet-123"}""")));

        Map<String, Object> output = GOOGLE.tools().get(TOOL).invoke(GOOGLE.call(TOOL, Map.of(
                "spreadsheet_id", "sheet-123", "range", "Sheet1!A1:C2", "values", List.of(List.of()))));

        Map<String, Object> expected = new HashMap<>(Map.of("spreadsheet_id", "sheet-123", "updated_rows", 0L,
                "updated_columns", 0L, "updated_cells", 0L));
        expected.put("updated_range", null);
        assertThat(output).isEqualTo(expected);
    }

    @Test
    void anAbortedConcurrentEditIsAConflict() {
        GOOGLE.server.stubFor(put(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error": {"code": 409, "message": "The operation was aborted.", "status": "ABORTED"}}""")));

        ToolException failure = catchThrowableOfType(ToolException.class, () -> GOOGLE.tools().get(TOOL).invoke(
                GOOGLE.call(TOOL, Map.of("spreadsheet_id", "sheet-123", "range", "Sheet1!A1:C2",
                        "values", List.of(List.of("x"))))));

        assertThat(failure.type()).isEqualTo(ErrorType.CONFLICT);
        assertThat(failure.upstreamCode()).isEqualTo("ABORTED");
        assertThat(failure.getMessage()).isEqualTo("Google Sheets answered 409: The operation was aborted.");
    }

    @Test
    void aCellThatIsNotAScalarIsRefusedBeforeAnyRequest() {
        ToolException failure = catchThrowableOfType(ToolException.class, () -> GOOGLE.tools().get(TOOL).invoke(
                GOOGLE.call(TOOL, Map.of("spreadsheet_id", "sheet-123", "range", "Sheet1!A1",
                        "values", List.of(List.of(Map.of("a", 1)))))));

        assertThat(failure.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(GOOGLE.server.getAllServeEvents()).isEmpty();
    }
}
