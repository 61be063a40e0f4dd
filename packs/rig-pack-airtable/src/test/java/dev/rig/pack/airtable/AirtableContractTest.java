package dev.rig.pack.airtable;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.rig.pack.airtable.FakeAirtable.TABLE_PATH;

import dev.rig.testkit.PackContract;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** The airtable pack keeps the pack contract; its examples run against a stub answering them. */
class AirtableContractTest {

    private final FakeAirtable airtable = new FakeAirtable();

    @AfterEach
    void stop() {
        airtable.close();
    }

    @TestFactory
    Stream<DynamicTest> contract(@TempDir Path dir) {
        String record = "/recJ7BbkqKq8bRXSP";
        airtable.server.stubFor(post(TABLE_PATH).willReturn(okJson("""
                {"id": "recJ7BbkqKq8bRXSP", "createdTime": "2024-03-01T19:05:00.000Z",
                 "fields": {"Name": "Write the launch post", "Status": "Todo"}}""")));
        airtable.server.stubFor(patch(urlEqualTo(TABLE_PATH + record)).willReturn(okJson("""
                {"id": "recJ7BbkqKq8bRXSP", "createdTime": "2024-03-01T19:05:00.000Z",
                 "fields": {"Name": "Write the launch post", "Status": "Done"}}""")));
        airtable.server.stubFor(delete(urlEqualTo(TABLE_PATH + record)).willReturn(okJson("""
                {"deleted": true, "id": "recJ7BbkqKq8bRXSP"}""")));
        airtable.server.stubFor(get(urlPathEqualTo(TABLE_PATH))
                .withQueryParam("filterByFormula", equalTo("{Status} = 'Done'"))
                .withQueryParam("maxRecords", equalTo("20"))
                .willReturn(okJson("""
                        {"records": [{"id": "recJ7BbkqKq8bRXSP", "createdTime": "2024-03-01T19:05:00.000Z",
                                      "fields": {"Name": "Write the launch post", "Status": "Done"}}]}""")));
        return PackContract.of(new AirtablePack())
                .settings(Map.of("base_url", airtable.server.baseUrl()))
                .secrets(Map.of("AIRTABLE_API_KEY", FakeAirtable.TOKEN))
                .workingDirectory(dir)
                .tests();
    }
}
