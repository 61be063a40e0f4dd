package dev.rig.pack.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** google.sheets.values.get against a stub of the Sheets API and Google's token endpoint. */
class SheetsValuesGetToolTest {

    private static final FakeGoogle GOOGLE = new FakeGoogle();
    private static final String PATH = "/v4/spreadsheets/sheet-123/values/Sheet1!A1:C3";

    @AfterAll
    static void stop() {
        GOOGLE.close();
    }

    @BeforeEach
    void reset() {
        GOOGLE.reset();
    }

    @Test
    void readsTheRangeWithABearerTokenFromTheJwtGrant() throws Exception {
        GOOGLE.server.stubFor(get(urlPathEqualTo(PATH)).willReturn(json("""
                {"range": "Sheet1!A1:C3", "majorDimension": "ROWS",
                 "values": [["Name", "Score", "Passed"], ["Ada", "97", "TRUE"]]}""")));

        Map<String, Object> output = GOOGLE.tools().get("google.sheets.values.get")
                .invoke(GOOGLE.call("google.sheets.values.get", Map.of("spreadsheet_id", "sheet-123", "range", "Sheet1!A1:C3")));

        assertThat(output).isEqualTo(Map.of("range", "Sheet1!A1:C3", "major_dimension", "ROWS",
                "values", List.of(List.of("Name", "Score", "Passed"), List.of("Ada", "97", "TRUE"))));
        LoggedRequest api = GOOGLE.server.findAll(getRequestedFor(urlPathEqualTo(PATH))).get(0);
        assertThat(api.getHeader("Authorization")).isEqualTo("Bearer " + FakeGoogle.TOKEN);
        assertThat(api.queryParameter("majorDimension").firstValue()).isEqualTo("ROWS");
        assertThat(api.queryParameter("valueRenderOption").firstValue()).isEqualTo("FORMATTED_VALUE");

        List<LoggedRequest> tokens = GOOGLE.tokenRequests();
        assertThat(tokens).hasSize(1);
        assertThat(tokens.get(0).getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        Map<String, String> form = FakeGoogle.form(tokens.get(0));
        assertThat(form).containsOnlyKeys("grant_type", "assertion")
                .containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
        JsonNode claims = FakeGoogle.verifiedClaims(form.get("assertion"));
        assertThat(claims.path("iss").asText()).isEqualTo(FakeGoogle.CLIENT_EMAIL);
        // Google's library always names Google's token endpoint as the audience, whatever token_uri says.
        assertThat(claims.path("aud").asText()).isEqualTo("https://oauth2.googleapis.com/token");
        assertThat(claims.path("scope").asText()).isEqualTo("https://www.googleapis.com/auth/spreadsheets");
        assertThat(claims.has("sub")).as("no impersonation for Sheets").isFalse();
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(3600);
    }

    @Test
    void passesTheDimensionAndRenderOptionAndTurnsNumbersIntoJsonNumbers() throws Exception {
        GOOGLE.server.stubFor(get(urlPathEqualTo("/v4/spreadsheets/sheet-123/values/Scores!B:B"))
                .withQueryParam("majorDimension", equalTo("COLUMNS"))
                .withQueryParam("valueRenderOption", equalTo("UNFORMATTED_VALUE"))
                .willReturn(json("""
                        {"range": "Scores!B1:B1000", "majorDimension": "COLUMNS",
                         "values": [["Score", 97, 88.5, true]]}""")));

        Map<String, Object> output = GOOGLE.tools().get("google.sheets.values.get").invoke(GOOGLE.call(
                "google.sheets.values.get", Map.of("spreadsheet_id", "sheet-123", "range", "Scores!B:B",
                        "major_dimension", "COLUMNS", "value_render_option", "UNFORMATTED_VALUE")));

        assertThat(output.get("values")).isEqualTo(List.of(List.of("Score", 97L, 88.5, true)));
        assertThat(output).containsEntry("major_dimension", "COLUMNS");
    }

    @Test
    void anEmptyRangeHasNoValuesField() throws Exception {
        GOOGLE.server.stubFor(get(urlPathEqualTo("/v4/spreadsheets/sheet-123/values/Sheet1!Z1:Z9"))
                .willReturn(json("""
                        {"range": "Sheet1!Z1:Z9", "majorDimension": "ROWS"}""")));

        Map<String, Object> output = GOOGLE.tools().get("google.sheets.values.get")
                .invoke(GOOGLE.call("google.sheets.values.get", Map.of("spreadsheet_id", "sheet-123", "range", "Sheet1!Z1:Z9")));

        assertThat(output).containsEntry("values", List.of()).containsEntry("range", "Sheet1!Z1:Z9");
    }

    @Test
    void aSheetNameWithSpacesAndQuotesIsEncodedInThePath() throws Exception {
        GOOGLE.server.stubFor(get(urlPathMatching("/v4/spreadsheets/sheet-123/values/.*"))
                .willReturn(json("""
                        {"range": "'Class Data'!A1:C3", "majorDimension": "ROWS", "values": [["x"]]}""")));

        Map<String, Object> output = GOOGLE.tools().get("google.sheets.values.get").invoke(GOOGLE.call(
                "google.sheets.values.get", Map.of("spreadsheet_id", "sheet-123", "range", "'Class Data'!A1:C3")));

        assertThat(output).containsEntry("range", "'Class Data'!A1:C3");
        String url = GOOGLE.server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith("/v4/")).findFirst().orElseThrow().getRequest().getUrl();
        assertThat(url).startsWith("/v4/spreadsheets/sheet-123/values/'Class%20Data'!A1:C3?");
    }

    @Test
    void slashesQuestionMarksAndHashesInASheetNameStayInsideTheRangeSegment() throws Exception {
        GOOGLE.server.stubFor(get(urlPathMatching("/v4/spreadsheets/sheet-123/values/.*"))
                .willReturn(json("""
                        {"range": "'Q1/Q2 ?#%'!A1", "values": [["x"]]}""")));

        GOOGLE.tools().get("google.sheets.values.get").invoke(GOOGLE.call(
                "google.sheets.values.get", Map.of("spreadsheet_id", "sheet-123", "range", "'Q1/Q2 ?#%'!A1")));

        String url = GOOGLE.server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith("/v4/")).findFirst().orElseThrow().getRequest().getUrl();
        assertThat(url).startsWith("/v4/spreadsheets/sheet-123/values/'Q1%2FQ2%20%3F%23%25'!A1?");
    }

    @Test
    void reusesTheAccessTokenForTheNextCall() throws Exception {
        GOOGLE.server.stubFor(get(urlPathEqualTo(PATH)).willReturn(json("""
                {"range": "Sheet1!A1:C3", "values": []}""")));
        var tool = GOOGLE.tools().get("google.sheets.values.get");
        Map<String, Object> args = Map.of("spreadsheet_id", "sheet-123", "range", "Sheet1!A1:C3");

        tool.invoke(GOOGLE.call("google.sheets.values.get", args));
        tool.invoke(GOOGLE.call("google.sheets.values.get", args));

        assertThat(GOOGLE.server.findAll(getRequestedFor(urlPathEqualTo(PATH)))).hasSize(2);
        assertThat(GOOGLE.tokenRequests()).hasSize(1);
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body);
    }
}
