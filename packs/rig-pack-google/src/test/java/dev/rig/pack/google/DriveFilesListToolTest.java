package dev.rig.pack.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** google.drive.files.list against a stub of the Drive v3 API. */
class DriveFilesListToolTest {

    private static final FakeGoogle GOOGLE = new FakeGoogle();
    private static final String TOOL = "google.drive.files.list";
    private static final String PATH = "/drive/v3/files";

    @AfterAll
    static void stop() {
        GOOGLE.close();
    }

    @BeforeEach
    void reset() {
        GOOGLE.reset();
    }

    @Test
    void searchesWithTheQueryAndMapsTheFiles() throws Exception {
        GOOGLE.server.stubFor(get(urlPathEqualTo(PATH)).willReturn(SheetsValuesGetToolTest.json("""
                {"nextPageToken": "page-2", "files": [
                  {"id": "1abc", "name": "Budget 2026", "mimeType": "application/vnd.google-apps.spreadsheet"},
                  {"id": "1def", "name": "Notes.txt", "mimeType": "text/plain"}]}""")));
        String query = "name contains 'Budget' and trashed = false";

        Map<String, Object> output = GOOGLE.tools().get(TOOL).invoke(GOOGLE.call(TOOL, Map.of("query", query)));

        Map<String, Object> expected = new HashMap<>();
        expected.put("files", List.of(
                Map.of("id", "1abc", "name", "Budget 2026", "mime_type", "application/vnd.google-apps.spreadsheet"),
                Map.of("id", "1def", "name", "Notes.txt", "mime_type", "text/plain")));
        expected.put("next_page_token", "page-2");
        assertThat(output).isEqualTo(expected);
        LoggedRequest request = GOOGLE.server.findAll(getRequestedFor(urlPathEqualTo(PATH))).get(0);
        assertThat(request.queryParameter("q").values()).containsExactly(query);
        assertThat(request.queryParameter("pageSize").values()).containsExactly("20");
        assertThat(request.queryParameter("fields").values()).containsExactly("nextPageToken,files(id,name,mimeType)");
        assertThat(request.queryParameter("pageToken").isPresent()).isFalse();
        assertThat(request.queryParameter("includeItemsFromAllDrives").isPresent()).isFalse();
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + FakeGoogle.TOKEN);
        JsonNode claims = FakeGoogle.verifiedClaims(FakeGoogle.form(GOOGLE.tokenRequests().get(0)).get("assertion"));
        assertThat(claims.path("scope").asText()).isEqualTo("https://www.googleapis.com/auth/drive.readonly");
    }

    @Test
    void theLastPageHasANullTokenAndNoQueryListsEverything() throws Exception {
        GOOGLE.server.stubFor(get(urlPathEqualTo(PATH)).willReturn(SheetsValuesGetToolTest.json("""
                {"files": []}""")));

        Map<String, Object> output = GOOGLE.tools().get(TOOL).invoke(GOOGLE.call(TOOL, Map.of(
                "page_size", 5, "page_token", "page-2", "include_shared_drives", true)));

        Map<String, Object> expected = new HashMap<>();
        expected.put("files", List.of());
        expected.put("next_page_token", null);
        assertThat(output).isEqualTo(expected);
        LoggedRequest request = GOOGLE.server.findAll(getRequestedFor(urlPathEqualTo(PATH))).get(0);
        assertThat(request.queryParameter("q").isPresent()).isFalse();
        assertThat(request.queryParameter("pageSize").values()).containsExactly("5");
        assertThat(request.queryParameter("pageToken").values()).containsExactly("page-2");
        assertThat(request.queryParameter("corpora").values()).containsExactly("allDrives");
        assertThat(request.queryParameter("includeItemsFromAllDrives").values()).containsExactly("true");
        assertThat(request.queryParameter("supportsAllDrives").values()).containsExactly("true");
    }

    @Test
    void anInvalidQueryIsAValidationErrorNamingTheParameter() {
        GOOGLE.server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json; charset=UTF-8").withBody("""
                        {"error": {"errors": [{"domain": "global", "reason": "invalid", "message": "Invalid Value",
                          "locationType": "parameter", "location": "q"}], "code": 400, "message": "Invalid Value"}}""")));

        ToolException failure = catchThrowableOfType(ToolException.class,
                () -> GOOGLE.tools().get(TOOL).invoke(GOOGLE.call(TOOL, Map.of("query", "name contains"))));

        assertThat(failure.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(failure.getMessage()).isEqualTo("Google Drive answered 400 on q: Invalid Value");
        assertThat(failure.upstreamCode()).isEqualTo("invalid");
        assertThat(failure.hints()).containsExactly("check the value given for q");
    }

    @Test
    void aForbiddenListSaysToShareWithTheServiceAccount() {
        GOOGLE.server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error": {"errors": [{"domain": "global", "reason": "insufficientFilePermissions",
                          "message": "The user does not have sufficient permissions for this file."}],
                          "code": 403, "message": "The user does not have sufficient permissions for this file."}}""")));

        ToolException failure = catchThrowableOfType(ToolException.class,
                () -> GOOGLE.tools().get(TOOL).invoke(GOOGLE.call(TOOL, Map.of())));

        assertThat(failure.type()).isEqualTo(ErrorType.PERMISSION_ERROR);
        assertThat(failure.upstreamCode()).isEqualTo("insufficientFilePermissions");
        assertThat(failure.hints()).anySatisfy(hint -> assertThat(hint).contains(FakeGoogle.CLIENT_EMAIL));
    }

    @Test
    void aDriveSpecificRootUrlWinsOverBaseUrl() throws Exception {
        try (FakeGoogle other = new FakeGoogle()) {
            other.server.stubFor(get(urlPathEqualTo(PATH)).willReturn(SheetsValuesGetToolTest.json("""
                    {"files": [{"id": "x", "name": "elsewhere", "mimeType": "text/plain"}]}""")));

            Map<String, Object> output = GOOGLE.tools(Map.of("drive_base_url", other.baseUrl()))
                    .get(TOOL).invoke(GOOGLE.call(TOOL, Map.of()));

            assertThat(output.get("files")).isEqualTo(List.of(Map.of("id", "x", "name", "elsewhere", "mime_type", "text/plain")));
            assertThat(GOOGLE.server.findAll(getRequestedFor(urlPathEqualTo(PATH)))).isEmpty();
        }
    }
}
