package dev.rig.pack.notion;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;

import dev.rig.testkit.PackContract;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** The notion pack keeps the pack contract; the examples with an output run against a stub answering them. */
class NotionContractTest {

    private final FakeNotion notion = new FakeNotion();

    @AfterEach
    void stop() {
        notion.close();
    }

    @TestFactory
    Stream<DynamicTest> contract(@TempDir Path dir) {
        notion.server.stubFor(post("/v1/pages").willReturn(okJson("""
                {"object": "page", "id": "59833787-2cf9-4fdf-8782-e53db20768a5",
                 "parent": {"type": "page_id", "page_id": "b55c9c91-384d-452b-81db-d1ef79372b75"},
                 "properties": {"title": {"id": "title", "type": "title", "title": []}},
                 "url": "https://www.notion.so/Meeting-notes-598337872cf94fdf8782e53db20768a5"}""")));
        notion.server.stubFor(patch("/v1/pages/59833787-2cf9-4fdf-8782-e53db20768a5").willReturn(okJson("""
                {"object": "page", "id": "59833787-2cf9-4fdf-8782-e53db20768a5",
                 "url": "https://www.notion.so/Write-the-launch-post-598337872cf94fdf8782e53db20768a5"}""")));
        notion.server.stubFor(post("/v1/databases/d9824bdc-8445-4327-be8b-5b47500af6ce/query").willReturn(okJson("""
                {"object": "list", "results": [{"object": "page", "id": "59833787-2cf9-4fdf-8782-e53db20768a5",
                  "properties": {"Status": {"id": "Z%3ClH", "type": "select",
                                            "select": {"id": "2", "name": "Done", "color": "green"}}}}],
                 "next_cursor": null, "has_more": false}""")));
        notion.server.stubFor(post("/v1/search")
                .withRequestBody(equalToJson("{\"query\": \"launch\"}", true, true))
                .willReturn(okJson("""
                        {"object": "list", "results": [{"object": "page",
                          "id": "59833787-2cf9-4fdf-8782-e53db20768a5",
                          "properties": {"Name": {"id": "title", "type": "title",
                            "title": [{"type": "text", "plain_text": "Write the launch post"}]}}}],
                         "next_cursor": null, "has_more": false}""")));
        return PackContract.of(new NotionPack())
                .settings(Map.of("base_url", notion.server.baseUrl()))
                .secrets(Map.of("NOTION_TOKEN", FakeNotion.TOKEN))
                .workingDirectory(dir)
                .tests();
    }
}
