package dev.rig.pack.google;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import dev.rig.testkit.PackContract;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The google pack keeps the pack contract (testkit); the examples that show an output run against
 * stubs answering exactly what Google would for them.
 */
class GoogleContractTest {

    private static final FakeGoogle GOOGLE = new FakeGoogle();
    private static final String ID = SheetsValuesGetTool.EXAMPLE_ID;

    @AfterAll
    static void stop() {
        GOOGLE.close();
    }

    @TestFactory
    Stream<DynamicTest> contract(@TempDir Path dir) {
        GOOGLE.server.stubFor(get(urlPathEqualTo("/v4/spreadsheets/" + ID + "/values/Class%20Data!A1:C3"))
                .willReturn(SheetsValuesGetToolTest.json("""
                        {"range": "'Class Data'!A1:C3", "majorDimension": "ROWS",
                         "values": [["Student Name", "Gender", "Class Level"], ["Alexandra", "Female", "4. Senior"],
                                    ["Andrew", "Male", "1. Freshman"]]}""")));
        GOOGLE.server.stubFor(put(urlPathEqualTo("/v4/spreadsheets/" + ID + "/values/Sheet1!A1:B2"))
                .withQueryParam("valueInputOption", equalTo("USER_ENTERED"))
                .withRequestBody(equalToJson("""
                        {"range": "Sheet1!A1:B2", "majorDimension": "ROWS", "values": [["Name", "Score"], ["Ada", 97]]}"""))
                .willReturn(SheetsValuesGetToolTest.json("""
                        {"spreadsheetId": "%s", "updatedRange": "Sheet1!A1:B2", "updatedRows": 2,
                         "updatedColumns": 2, "updatedCells": 4}""".formatted(ID))));
        GOOGLE.server.stubFor(get(urlPathEqualTo("/drive/v3/files"))
                .withQueryParam("q", equalTo("mimeType = 'application/vnd.google-apps.spreadsheet' and trashed = false"))
                .withQueryParam("pageSize", equalTo("10"))
                .willReturn(SheetsValuesGetToolTest.json("""
                        {"files": [{"id": "%s", "name": "Class Data",
                                    "mimeType": "application/vnd.google-apps.spreadsheet"}]}""".formatted(ID))));
        GOOGLE.server.stubFor(post(urlEqualTo("/gmail/v1/users/me/messages/send"))
                .willReturn(SheetsValuesGetToolTest.json("""
                        {"id": "18c1f0e2a9b3d4e5", "threadId": "18c1f0e2a9b3d4e5", "labelIds": ["SENT"]}""")));
        return PackContract.of(new GooglePack())
                .settings(Map.of("base_url", GOOGLE.baseUrl()))
                .secrets(Map.of(ServiceAccounts.SLOT, GOOGLE.credentialsJson()))
                .workingDirectory(dir)
                .tests();
    }
}
