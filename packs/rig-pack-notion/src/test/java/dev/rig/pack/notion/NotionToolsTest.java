package dev.rig.pack.notion;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.rig.pack.notion.FakeNotion.DATABASE_ID;
import static dev.rig.pack.notion.FakeNotion.PAGE;
import static dev.rig.pack.notion.FakeNotion.PAGE_ID;
import static dev.rig.pack.notion.FakeNotion.PARENT_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.api.InstanceOfAssertFactories;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each notion tool sends the request Notion documents and maps Notion's answer to its output. */
class NotionToolsTest {

    private final FakeNotion notion = new FakeNotion();

    @AfterEach
    void stop() {
        notion.close();
    }

    @Test
    void createsASubPageWithContent() throws Exception {
        notion.server.stubFor(post("/v1/pages").willReturn(okJson(PAGE)));

        Map<String, Object> output = notion.call("notion.pages.create", Map.of(
                "parent", Map.of("page_id", PARENT_ID),
                "properties", Map.of("title", Map.of("title", List.of(Map.of("text", Map.of("content", "Meeting notes"))))),
                "children", List.of(Map.of("object", "block", "type", "paragraph",
                        "paragraph", Map.of("rich_text", List.of(Map.of("text", Map.of("content", "Agenda"))))))));

        assertThat(output).isEqualTo(Map.of("id", PAGE_ID,
                "url", "https://www.notion.so/Meeting-notes-598337872cf94fdf8782e53db20768a5"));
        notion.server.verify(1, authorized(postRequestedFor(urlEqualTo("/v1/pages")))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"parent": {"page_id": "%s"},
                         "properties": {"title": {"title": [{"text": {"content": "Meeting notes"}}]}},
                         "children": [{"object": "block", "type": "paragraph",
                                       "paragraph": {"rich_text": [{"text": {"content": "Agenda"}}]}}]}"""
                        .formatted(PARENT_ID))));
    }

    @Test
    void createsADatabaseRowSendingEmptyPropertiesWhenNoneAreGivenAndNoChildren() throws Exception {
        notion.server.stubFor(post("/v1/pages").willReturn(okJson(PAGE)));

        notion.call("notion.pages.create", Map.of("parent", Map.of("database_id", DATABASE_ID)));

        notion.server.verify(1, postRequestedFor(urlEqualTo("/v1/pages")).withRequestBody(equalToJson("""
                {"parent": {"database_id": "%s"}, "properties": {}}""".formatted(DATABASE_ID))));
    }

    @Test
    void keepsAPageWithoutAUrlInsteadOfFailingAfterCreatingIt() throws Exception {
        notion.server.stubFor(post("/v1/pages").willReturn(okJson("""
                {"object": "page", "id": "%s", "url": null}""".formatted(PAGE_ID))));

        Map<String, Object> output = notion.call("notion.pages.create", Map.of("parent", Map.of("page_id", PARENT_ID)));

        Map<String, Object> expected = new HashMap<>();
        expected.put("id", PAGE_ID);
        expected.put("url", null);
        assertThat(output).isEqualTo(expected);
    }

    @Test
    void updatesPagePropertiesWithPatch() throws Exception {
        notion.server.stubFor(patch(urlEqualTo("/v1/pages/" + PAGE_ID)).willReturn(okJson(PAGE)));

        Map<String, Object> output = notion.call("notion.pages.update", Map.of("page_id", PAGE_ID,
                "properties", Map.of("Status", Map.of("select", Map.of("name", "Done")))));

        assertThat(output).containsEntry("id", PAGE_ID);
        notion.server.verify(1, authorized(patchRequestedFor(urlEqualTo("/v1/pages/" + PAGE_ID)))
                .withRequestBody(equalToJson("""
                        {"properties": {"Status": {"select": {"name": "Done"}}}}""")));
    }

    @Test
    void queriesADatabaseWithFilterSortsAndCursor() throws Exception {
        notion.server.stubFor(post("/v1/databases/" + DATABASE_ID + "/query").willReturn(okJson("""
                {"object": "list", "results": [%s,
                  {"object": "page", "id": "0c2b9a1e-7d55-4a07-b9a7-0b8a4b8a3a11", "properties": {}}],
                 "next_cursor": "0c2b9a1e-7d55-4a07-b9a7-0b8a4b8a3a11", "has_more": true,
                 "type": "page_or_database", "page_or_database": {}}""".formatted(PAGE))));

        Map<String, Object> output = notion.call("notion.databases.query", Map.of("database_id", DATABASE_ID,
                "filter", Map.of("property", "Status", "select", Map.of("equals", "Done")),
                "sorts", List.of(Map.of("property", "Due", "direction", "ascending")),
                "start_cursor", "abc", "page_size", 2));

        assertThat(output).containsEntry("has_more", true)
                .containsEntry("next_cursor", "0c2b9a1e-7d55-4a07-b9a7-0b8a4b8a3a11");
        assertThat(output.get("results")).asInstanceOf(InstanceOfAssertFactories.LIST).containsExactly(
                Map.of("id", PAGE_ID, "properties", new ObjectMapper().readValue(PAGE, Map.class).get("properties")),
                Map.of("id", "0c2b9a1e-7d55-4a07-b9a7-0b8a4b8a3a11", "properties", Map.of()));
        notion.server.verify(1, authorized(postRequestedFor(urlEqualTo("/v1/databases/" + DATABASE_ID + "/query")))
                .withRequestBody(equalToJson("""
                        {"filter": {"property": "Status", "select": {"equals": "Done"}},
                         "sorts": [{"property": "Due", "direction": "ascending"}],
                         "start_cursor": "abc", "page_size": 2}""")));
    }

    @Test
    void queriesADatabaseAHundredRowsAtATimeByDefault() throws Exception {
        notion.server.stubFor(post("/v1/databases/" + DATABASE_ID + "/query").willReturn(okJson("""
                {"object": "list", "results": [], "next_cursor": null, "has_more": false}""")));

        Map<String, Object> output = notion.call("notion.databases.query", Map.of("database_id", DATABASE_ID));

        Map<String, Object> expected = new HashMap<>();
        expected.put("results", List.of());
        expected.put("has_more", false);
        expected.put("next_cursor", null);
        assertThat(output).isEqualTo(expected);
        notion.server.verify(1, postRequestedFor(urlEqualTo("/v1/databases/" + DATABASE_ID + "/query"))
                .withRequestBody(equalToJson("""
                        {"page_size": 100}""")));
    }

    @Test
    void searchesAndReadsTheTitlesOfPagesAndDatabases() throws Exception {
        notion.server.stubFor(post("/v1/search").willReturn(okJson("""
                {"object": "list", "results": [
                  %s,
                  {"object": "database", "id": "%s",
                   "title": [{"type": "text", "plain_text": "Tasks "}, {"type": "text", "plain_text": "2024"}],
                   "properties": {"Name": {"id": "title", "type": "title", "title": {}}}},
                  {"object": "page", "id": "0c2b9a1e-7d55-4a07-b9a7-0b8a4b8a3a11",
                   "properties": {"Name": {"id": "title", "type": "title", "title": []}}},
                  {"object": "page", "id": "7e6a3c3e-3f4b-4d8e-9d5c-2f1e0b9a8c7d", "properties": {}}],
                 "next_cursor": null, "has_more": false, "type": "page_or_database", "page_or_database": {}}"""
                .formatted(PAGE, DATABASE_ID))));

        Map<String, Object> output = notion.call("notion.search", Map.of("query", "notes",
                "filter", Map.of("property", "object", "value", "page")));

        assertThat(output.get("results")).asInstanceOf(InstanceOfAssertFactories.LIST).containsExactly(
                Map.of("id", PAGE_ID, "object", "page", "title", "Meeting notes"),
                Map.of("id", DATABASE_ID, "object", "database", "title", "Tasks 2024"),
                Map.of("id", "0c2b9a1e-7d55-4a07-b9a7-0b8a4b8a3a11", "object", "page", "title", ""),
                mapOf("id", "7e6a3c3e-3f4b-4d8e-9d5c-2f1e0b9a8c7d", "object", "page", "title", null));
        notion.server.verify(1, authorized(postRequestedFor(urlEqualTo("/v1/search")))
                .withRequestBody(equalToJson("""
                        {"query": "notes", "filter": {"property": "object", "value": "page"}, "page_size": 20}""")));
    }

    @Test
    void searchesEverythingWhenNoQueryIsGiven() throws Exception {
        notion.server.stubFor(post("/v1/search").willReturn(okJson("""
                {"object": "list", "results": [], "next_cursor": "c1", "has_more": true}""")));

        Map<String, Object> output = notion.call("notion.search", Map.of("start_cursor", "c0", "page_size", 5));

        assertThat(output).containsEntry("has_more", true).containsEntry("next_cursor", "c1");
        notion.server.verify(1, postRequestedFor(urlEqualTo("/v1/search")).withRequestBody(equalToJson("""
                {"start_cursor": "c0", "page_size": 5}""")));
    }

    @Test
    void sendsTheConfiguredNotionVersionToTheConfiguredRootEvenWithAPathAndTrailingSlash() throws Exception {
        notion.reconfigure(Map.of("notion_version", "2025-09-03",
                "base_url", notion.server.baseUrl() + "/notion-proxy/"));
        notion.server.stubFor(post("/notion-proxy/v1/search").willReturn(okJson("""
                {"object": "list", "results": [], "next_cursor": null, "has_more": false}""")));

        notion.call("notion.search", Map.of());

        notion.server.verify(1, postRequestedFor(urlEqualTo("/notion-proxy/v1/search"))
                .withHeader("Notion-Version", equalTo("2025-09-03")));
    }

    @Test
    void answersWithAnUpstreamErrorWhenACreatedPageHasNoId() {
        notion.server.stubFor(post("/v1/pages").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"object\": \"page\"}")));

        assertThat(notion.failure("notion.pages.create", Map.of("parent", Map.of("page_id", PARENT_ID))))
                .satisfies(failure -> {
                    assertThat(failure.type()).isEqualTo(dev.rig.spi.ErrorType.UPSTREAM_ERROR);
                    assertThat(failure.hints()).anyMatch(hint -> hint.contains("notion.search"));
                });
    }

    private static RequestPatternBuilder authorized(RequestPatternBuilder request) {
        return request.withHeader("Authorization", equalTo("Bearer " + FakeNotion.TOKEN))
                .withHeader("Notion-Version", equalTo("2022-06-28"))
                .withHeader("Accept", equalTo("application/json"));
    }

    /** A map that may hold null values (Map.of may not). */
    private static Map<String, Object> mapOf(Object... keysAndValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
