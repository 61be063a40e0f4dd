package dev.rig.pack.airtable;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.rig.pack.airtable.FakeAirtable.BASE_ID;
import static dev.rig.pack.airtable.FakeAirtable.RECORD_ID;
import static dev.rig.pack.airtable.FakeAirtable.TABLE;
import static dev.rig.pack.airtable.FakeAirtable.TABLE_PATH;
import static dev.rig.pack.airtable.FakeAirtable.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each airtable tool sends the request Airtable documents and maps Airtable's answer to its output. */
class AirtableToolsTest {

    private final FakeAirtable airtable = new FakeAirtable();

    @AfterEach
    void stop() {
        airtable.close();
    }

    @Test
    void createsARecordInATableWhoseNameHasASpace() throws Exception {
        airtable.server.stubFor(post(TABLE_PATH).willReturn(okJson("""
                {"id": "%s", "createdTime": "2024-03-01T19:05:00.000Z",
                 "fields": {"Name": "Write the launch post", "Status": "Todo"}}""".formatted(RECORD_ID))));

        Map<String, Object> output = airtable.call("airtable.records.create", Map.of("base_id", BASE_ID,
                "table_name", TABLE, "fields", Map.of("Name", "Write the launch post", "Status", "Todo")));

        assertThat(output).isEqualTo(Map.of("id", RECORD_ID,
                "fields", Map.of("Name", "Write the launch post", "Status", "Todo")));
        airtable.server.verify(1, authorized(postRequestedFor(urlEqualTo(TABLE_PATH)))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"fields": {"Name": "Write the launch post", "Status": "Todo"}}""")));
    }

    @Test
    void answersEmptyFieldsWhenAirtableOmitsThem() throws Exception {
        airtable.server.stubFor(post(TABLE_PATH).willReturn(okJson("""
                {"id": "%s", "createdTime": "2024-03-01T19:05:00.000Z"}""".formatted(RECORD_ID))));

        assertThat(airtable.call("airtable.records.create",
                Map.of("base_id", BASE_ID, "table_name", TABLE, "fields", Map.of())))
                .isEqualTo(Map.of("id", RECORD_ID, "fields", Map.of()));
    }

    @Test
    void updatesARecordWithPatch() throws Exception {
        airtable.server.stubFor(patch(urlEqualTo(TABLE_PATH + "/" + RECORD_ID)).willReturn(okJson("""
                {"id": "%s", "createdTime": "2024-03-01T19:05:00.000Z",
                 "fields": {"Name": "Write the launch post", "Status": "Done"}}""".formatted(RECORD_ID))));

        Map<String, Object> output = airtable.call("airtable.records.update", Map.of("base_id", BASE_ID,
                "table_name", TABLE, "record_id", RECORD_ID, "fields", Map.of("Status", "Done")));

        assertThat(output).isEqualTo(Map.of("id", RECORD_ID,
                "fields", Map.of("Name", "Write the launch post", "Status", "Done")));
        airtable.server.verify(1, authorized(patchRequestedFor(urlEqualTo(TABLE_PATH + "/" + RECORD_ID)))
                .withRequestBody(equalToJson("""
                        {"fields": {"Status": "Done"}}""")));
    }

    @Test
    void deletesARecord() throws Exception {
        airtable.server.stubFor(delete(urlEqualTo(TABLE_PATH + "/" + RECORD_ID)).willReturn(okJson("""
                {"deleted": true, "id": "%s"}""".formatted(RECORD_ID))));

        Map<String, Object> output = airtable.call("airtable.records.delete",
                Map.of("base_id", BASE_ID, "table_name", TABLE, "record_id", RECORD_ID));

        assertThat(output).isEqualTo(Map.of("id", RECORD_ID, "deleted", true));
        airtable.server.verify(1, authorized(deleteRequestedFor(urlEqualTo(TABLE_PATH + "/" + RECORD_ID))));
    }

    @Test
    void listsOnePageWhenAirtableGivesNoOffset() throws Exception {
        airtable.server.stubFor(get(urlPathEqualTo(TABLE_PATH)).willReturn(okJson("""
                {"records": [%s, %s]}""".formatted(record("rec00000000000001", "a"), record("rec00000000000002", "b")))));

        Map<String, Object> output = airtable.call("airtable.records.list", Map.of("base_id", BASE_ID, "table_name", TABLE));

        assertThat(output.get("records")).asInstanceOf(InstanceOfAssertFactories.LIST).containsExactly(
                Map.of("id", "rec00000000000001", "fields", Map.of("Name", "a")),
                Map.of("id", "rec00000000000002", "fields", Map.of("Name", "b")));
        airtable.server.verify(1, authorized(getRequestedFor(urlEqualTo(TABLE_PATH + "?pageSize=100&maxRecords=100"))));
    }

    @Test
    void followsTheOffsetAcrossPagesUntilAirtableGivesNone() throws Exception {
        stubPage(null, "itr1/rec00000000000002", "rec00000000000001", "rec00000000000002");
        stubPage("itr1/rec00000000000002", "itr2/rec00000000000004", "rec00000000000003", "rec00000000000004");
        stubPage("itr2/rec00000000000004", null, "rec00000000000005");

        Map<String, Object> output = airtable.call("airtable.records.list", Map.of("base_id", BASE_ID,
                "table_name", TABLE, "formula", "{Status} = 'Done'"));

        assertThat(output.get("records")).asInstanceOf(InstanceOfAssertFactories.list(Map.class))
                .extracting(record -> record.get("id"))
                .containsExactly("rec00000000000001", "rec00000000000002", "rec00000000000003",
                        "rec00000000000004", "rec00000000000005");
        List<LoggedRequest> requests = airtable.server.findAll(getRequestedFor(urlPathEqualTo(TABLE_PATH)));
        String firstPage = TABLE_PATH + "?pageSize=100&maxRecords=100&filterByFormula=%7BStatus%7D%20%3D%20%27Done%27";
        assertThat(requests).extracting(LoggedRequest::getUrl).containsExactly(
                firstPage,
                firstPage + "&offset=itr1%2Frec00000000000002",
                firstPage + "&offset=itr2%2Frec00000000000004");
        assertThat(requests).allSatisfy(request ->
                assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + FakeAirtable.TOKEN));
    }

    @Test
    void stopsAtMaxRecordsEvenWhenAirtableOffersMore() throws Exception {
        stubPage(null, "itr1/rec00000000000002", "rec00000000000001", "rec00000000000002");
        stubPage("itr1/rec00000000000002", "itr2/rec00000000000004", "rec00000000000003", "rec00000000000004");
        stubPage("itr2/rec00000000000004", "itr3/rec00000000000006", "rec00000000000005", "rec00000000000006");

        Map<String, Object> output = airtable.call("airtable.records.list", Map.of("base_id", BASE_ID,
                "table_name", TABLE, "max_records", 5));

        assertThat(output.get("records")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(5);
        assertThat(airtable.server.findAll(getRequestedFor(urlPathEqualTo(TABLE_PATH))))
                .extracting(request -> request.queryParameter("offset").isPresent()
                        ? request.queryParameter("offset").firstValue() : null)
                .containsExactly(null, "itr1/rec00000000000002", "itr2/rec00000000000004");
        airtable.server.verify(3, getRequestedFor(urlPathEqualTo(TABLE_PATH))
                .withQueryParam("pageSize", equalTo("5")).withQueryParam("maxRecords", equalTo("5")));
    }

    @Test
    void stopsWhenAPageIsEmptyDespiteAnOffset() throws Exception {
        stubPage(null, "itr1/rec00000000000001", "rec00000000000001");
        stubPage("itr1/rec00000000000001", "itr1/rec00000000000001");

        Map<String, Object> output = airtable.call("airtable.records.list", Map.of("base_id", BASE_ID, "table_name", TABLE));

        assertThat(output.get("records")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(1);
        airtable.server.verify(2, getRequestedFor(urlPathEqualTo(TABLE_PATH)));
    }

    @Test
    void sendsToTheConfiguredRootUnderItsPath() throws Exception {
        airtable.reconfigure(Map.of("base_url", airtable.server.baseUrl() + "/airtable/"));
        airtable.server.stubFor(delete(urlEqualTo("/airtable" + TABLE_PATH + "/" + RECORD_ID)).willReturn(okJson("""
                {"deleted": true, "id": "%s"}""".formatted(RECORD_ID))));

        airtable.call("airtable.records.delete", Map.of("base_id", BASE_ID, "table_name", TABLE, "record_id", RECORD_ID));

        airtable.server.verify(1, deleteRequestedFor(urlEqualTo("/airtable" + TABLE_PATH + "/" + RECORD_ID)));
    }

    private void stubPage(String offset, String next, String... ids) {
        StringBuilder records = new StringBuilder();
        for (String id : ids) {
            records.append(records.isEmpty() ? "" : ", ").append(record(id, "task " + id));
        }
        String body = "{\"records\": [" + records + "]" + (next == null ? "" : ", \"offset\": \"" + next + "\"") + "}";
        airtable.server.stubFor(get(urlPathEqualTo(TABLE_PATH))
                .withQueryParam("offset", offset == null ? absent() : equalTo(offset))
                .willReturn(okJson(body)));
    }

    private static RequestPatternBuilder authorized(RequestPatternBuilder request) {
        return request.withHeader("Authorization", equalTo("Bearer " + FakeAirtable.TOKEN))
                .withHeader("Accept", equalTo("application/json"));
    }
}
