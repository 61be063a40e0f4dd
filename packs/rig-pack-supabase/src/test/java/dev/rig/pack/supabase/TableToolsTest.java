package dev.rig.pack.supabase;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.havingExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The table tools against a stub PostgREST: the exact request sent and the output returned. */
class TableToolsTest {

    private static final WireMockServer stub = new WireMockServer(options().dynamicPort());
    private static Map<String, Tool> tools;

    @BeforeAll
    static void start() {
        stub.start();
        tools = Supabase.tools(stub);
    }

    @AfterAll
    static void stop() {
        stub.stop();
    }

    @BeforeEach
    void reset() {
        stub.resetAll();
    }

    @Test
    void selectSendsColumnsFiltersOrderAndLimitAsPostgrestParameters() throws Exception {
        stub.stubFor(get(urlPathEqualTo("/rest/v1/todos")).willReturn(okJson("""
                [{"id": 2, "title": "Write the README", "done": false, "price": 12.50}]""")));

        Map<String, Object> output = tools.get("supabase.table.select").invoke(Supabase.call("supabase.table.select",
                Map.of("table", "todos", "columns", "id, title, done,price",
                        "filters", List.of(Map.of("column", "done", "op", "eq", "value", false),
                                Map.of("column", "id", "op", "gte", "value", 2)),
                        "order", List.of(Map.of("column", "id", "ascending", false), Map.of("column", "title")),
                        "limit", 10)));

        stub.verify(1, getRequestedFor(urlEqualTo("/rest/v1/todos?select=id%2Ctitle%2Cdone%2Cprice&done=eq.false"
                        + "&id=gte.2&order=id.desc%2Ctitle.asc&limit=10"))
                .withHeader("apikey", equalTo(Supabase.KEY))
                .withHeader("Authorization", equalTo("Bearer " + Supabase.KEY))
                .withHeader("Accept", equalTo("application/json"))
                .withHeader("Prefer", absent()));
        assertThat(output).isEqualTo(Map.of("data", List.of(
                Map.of("id", 2, "title", "Write the README", "done", false, "price", new BigDecimal("12.50")))));
    }

    @Test
    void selectDefaultsToEveryColumnAndAHundredRows() throws Exception {
        stub.stubFor(get(urlPathEqualTo("/rest/v1/todos")).willReturn(okJson("[]")));

        Map<String, Object> output = tools.get("supabase.table.select")
                .invoke(Supabase.call("supabase.table.select", Map.of("table", "todos")));

        stub.verify(getRequestedFor(urlEqualTo("/rest/v1/todos?select=*&limit=100")));
        assertThat(output).isEqualTo(Map.of("data", List.of()));
    }

    @Test
    void everyOperatorIsRenderedAndEveryValueEncodedSoNothingCanBeInjected() throws Exception {
        stub.stubFor(get(urlPathEqualTo("/rest/v1/people")).willReturn(okJson("[]")));
        Map<String, Object> nullValue = new HashMap<>(Map.of("column", "deleted_at", "op", "is"));
        nullValue.put("value", null);

        tools.get("supabase.table.select").invoke(Supabase.call("supabase.table.select", Map.of("table", "people",
                "filters", List.of(
                        Map.of("column", "name", "op", "eq", "value", "a&limit=1000000&b=c"),
                        Map.of("column", "name", "op", "neq", "value", "Hebdon, John (Jr.)"),
                        Map.of("column", "age", "op", "gt", "value", 17.5),
                        Map.of("column", "age", "op", "lt", "value", 1_000_000_000_000L),
                        Map.of("column", "age", "op", "lte", "value", 99),
                        Map.of("column", "email", "op", "like", "value", "%@example.com"),
                        Map.of("column", "email", "op", "ilike", "value", "*ADA*"),
                        nullValue,
                        Map.of("column", "active", "op", "is", "value", true, "negate", true),
                        Map.of("column", "status", "op", "in", "value", List.of("new", "a,b", "say \"hi\"", 3)),
                        Map.of("column", "role", "op", "in", "value", List.of("admin"), "negate", true)))));

        stub.verify(1, getRequestedFor(urlPathEqualTo("/rest/v1/people"))
                .withQueryParam("name", havingExactly("eq.a&limit=1000000&b=c", "neq.Hebdon, John (Jr.)"))
                .withQueryParam("age", havingExactly("gt.17.5", "lt.1000000000000", "lte.99"))
                .withQueryParam("email", havingExactly("like.%@example.com", "ilike.*ADA*"))
                .withQueryParam("deleted_at", equalTo("is.null"))
                .withQueryParam("active", equalTo("not.is.true"))
                .withQueryParam("status", equalTo("in.(\"new\",\"a,b\",\"say \\\"hi\\\"\",\"3\")"))
                .withQueryParam("role", equalTo("not.in.(\"admin\")"))
                .withQueryParam("limit", equalTo("100"))
                .withQueryParam("b", absent()));
        String raw = stub.getAllServeEvents().get(0).getRequest().getUrl();
        assertThat(raw).contains("name=eq.a%26limit%3D1000000%26b%3Dc").contains("neq.Hebdon%2C%20John%20%28Jr.%29")
                .doesNotContain("+");
    }

    @Test
    void filtersAreCheckedBeforeAnythingIsSent() {
        Tool select = tools.get("supabase.table.select");
        Map<String, Object> eqNull = new HashMap<>(Map.of("column", "id", "op", "eq"));
        eqNull.put("value", null);

        assertInvalid(select, Map.of("table", "todos", "filters",
                List.of(Map.of("column", "id;drop table todos", "op", "eq", "value", 1))), "filters[0].column");
        assertInvalid(select, Map.of("table", "todos", "filters",
                List.of(Map.of("column", "id", "op", "eq", "value", 1), Map.of("column", "id", "op", "cs", "value", 1))),
                "filters[1].op");
        assertInvalid(select, Map.of("table", "todos", "filters", List.of(eqNull)), "filters[0].value");
        assertInvalid(select, Map.of("table", "todos", "filters",
                List.of(Map.of("column", "id", "op", "in", "value", List.of()))), "filters[0].value");
        assertInvalid(select, Map.of("table", "todos", "filters",
                List.of(Map.of("column", "id", "op", "is", "value", "maybe"))), "filters[0].value");
        assertInvalid(select, Map.of("table", "todos", "filters",
                List.of(Map.of("column", "id", "op", "eq", "value", Map.of("a", 1)))), "filters[0].value");
        assertInvalid(select, Map.of("table", "todos?select=secret"), "table");
        assertInvalid(select, Map.of("table", "todos", "columns", "id&limit=5"), "columns");
        stub.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void insertPostsTheRowsAndAsksForThemBack() throws Exception {
        stub.stubFor(post(urlEqualTo("/rest/v1/todos")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        [{"id": 3, "title": "Write the README", "done": false},
                         {"id": 4, "title": "Test it", "done": false}]""")));

        Map<String, Object> output = tools.get("supabase.table.insert").invoke(Supabase.call("supabase.table.insert",
                Map.of("table", "todos", "data", List.of(Map.of("title", "Write the README"), Map.of("title", "Test it")))));

        stub.verify(1, postRequestedFor(urlEqualTo("/rest/v1/todos"))
                .withHeader("Prefer", equalTo("return=representation"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("apikey", equalTo(Supabase.KEY))
                .withHeader("Authorization", equalTo("Bearer " + Supabase.KEY))
                .withRequestBody(equalToJson("[{\"title\": \"Write the README\"}, {\"title\": \"Test it\"}]")));
        assertThat(output).isEqualTo(Map.of("data", List.of(Map.of("id", 3, "title", "Write the README", "done", false),
                Map.of("id", 4, "title", "Test it", "done", false))));
    }

    @Test
    void insertOfOneObjectSendsTheObject() throws Exception {
        stub.stubFor(post(urlEqualTo("/rest/v1/todos")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("[{\"id\": 3, \"title\": \"x\"}]")));

        Map<String, Object> output = tools.get("supabase.table.insert").invoke(Supabase.call("supabase.table.insert",
                Map.of("table", "todos", "data", Map.of("title", "x"))));

        stub.verify(postRequestedFor(urlEqualTo("/rest/v1/todos")).withRequestBody(equalToJson("{\"title\": \"x\"}")));
        assertThat(output).isEqualTo(Map.of("data", List.of(Map.of("id", 3, "title", "x"))));
    }

    @Test
    void updatePatchesOnlyTheFilteredRows() throws Exception {
        stub.stubFor(patch(urlPathEqualTo("/rest/v1/todos")).willReturn(okJson("""
                [{"id": 3, "title": "Write the README", "done": true}]""")));

        Map<String, Object> output = tools.get("supabase.table.update").invoke(Supabase.call("supabase.table.update",
                Map.of("table", "todos", "data", Map.of("done", true), "all_rows", false,
                        "filters", List.of(Map.of("column", "id", "op", "eq", "value", 3)))));

        stub.verify(1, patchRequestedFor(urlEqualTo("/rest/v1/todos?id=eq.3"))
                .withHeader("Prefer", equalTo("return=representation"))
                .withHeader("apikey", equalTo(Supabase.KEY))
                .withRequestBody(equalToJson("{\"done\": true}")));
        assertThat(output).containsOnlyKeys("data", "rows_updated").containsEntry("rows_updated", null)
                .containsEntry("data", List.of(Map.of("id", 3, "title", "Write the README", "done", true)));
    }

    @Test
    void updateWithNoFilterIsRefusedAndSendsNothing() {
        stub.stubFor(any(anyUrl()).willReturn(okJson("[]")));

        for (Map<String, Object> args : List.<Map<String, Object>>of(
                Map.of("table", "todos", "data", Map.of("done", true), "filters", List.of()),
                Map.of("table", "todos", "data", Map.of("done", true)),
                Map.of("table", "todos", "data", Map.of("done", true), "filters", List.of(), "all_rows", false))) {
            assertThatThrownBy(() -> tools.get("supabase.table.update").invoke(Supabase.call("supabase.table.update",
                    args)))
                    .as("%s", args)
                    .isInstanceOfSatisfying(ToolException.class, e -> {
                        assertThat(e.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
                        assertThat(e.getMessage()).startsWith("filters is empty");
                        assertThat(e.hints()).anyMatch(h -> h.startsWith("give filters"))
                                .anyMatch(h -> h.contains("all_rows: true") && h.contains("approval"));
                    });
        }
        stub.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anAllRowsUpdateStatesAConditionTrueForEveryRowAndReturnsTheCount() throws Exception {
        stub.stubFor(patch(urlPathEqualTo("/rest/v1/todos")).willReturn(aResponse().withStatus(204)
                .withHeader("Content-Range", "0-2/3")));

        Map<String, Object> output = tools.get("supabase.table.update").invoke(Supabase.call(
                "supabase.table.update", Map.of("table", "todos", "data", Map.of("archived", true), "all_rows", true)));

        stub.verify(1, patchRequestedFor(urlEqualTo("/rest/v1/todos?or=%28archived.is.null%2Carchived.not.is.null%29"))
                .withHeader("Prefer", equalTo("return=minimal, count=exact"))
                .withHeader("apikey", equalTo(Supabase.KEY))
                .withRequestBody(equalToJson("{\"archived\": true}")));
        assertThat(output).isEqualTo(Map.of("data", List.of(), "rows_updated", 3));
    }

    @Test
    void anAllRowsUpdateWithAnEmptyFilterListAndNoCountGivesNullRowsUpdated() throws Exception {
        stub.stubFor(patch(urlPathEqualTo("/rest/v1/todos")).willReturn(aResponse().withStatus(204)));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("Due Date", null);
        data.put("archived", true);

        Map<String, Object> output = tools.get("supabase.table.update").invoke(Supabase.call("supabase.table.update",
                Map.of("table", "todos", "data", data, "filters", List.of(), "all_rows", true)));

        stub.verify(1, patchRequestedFor(urlEqualTo("/rest/v1/todos?or=%28archived.is.null%2Carchived.not.is.null%29"))
                .withRequestBody(equalToJson("{\"Due Date\": null, \"archived\": true}")));
        assertThat(output).containsOnlyKeys("data", "rows_updated").containsEntry("data", List.of())
                .containsEntry("rows_updated", null);
    }

    @Test
    void anAllRowsUpdateNeedsAPlainColumnInData() {
        assertInvalid(tools.get("supabase.table.update"),
                Map.of("table", "todos", "data", Map.of("Due Date", "2025-01-01"), "all_rows", true), "data");
        stub.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void filtersWithAllRowsIsAmbiguousAndSendsNothing() {
        assertInvalid(tools.get("supabase.table.update"), Map.of("table", "todos", "data", Map.of("done", true),
                "filters", List.of(Map.of("column", "id", "op", "eq", "value", 3)), "all_rows", true), "filters");
        stub.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theUpdatedCountIsReadFromContentRange() {
        assertThat(TableUpdateTool.rowsUpdated("0-24/25")).isEqualTo(25L);
        assertThat(TableUpdateTool.rowsUpdated("*/0")).isEqualTo(0L);
        assertThat(TableUpdateTool.rowsUpdated("0-9/*")).isEqualTo(10L);
        assertThat(TableUpdateTool.rowsUpdated("*/*")).isNull();
        assertThat(TableUpdateTool.rowsUpdated(null)).isNull();
        assertThat(TableUpdateTool.rowsUpdated("bytes 0-1/2")).isNull();
    }

    @Test
    void theRiskClassesKeepFilteredUpdatesWritesAndMakeEveryRowUpdatesDestructive() {
        assertThat(tools.get("supabase.table.select").definition().riskClass()).isEqualTo(RiskClass.READ);
        assertThat(tools.get("supabase.table.insert").definition().riskClass()).isEqualTo(RiskClass.WRITE);
        assertThat(tools.get("supabase.auth.createUser").definition().riskClass()).isEqualTo(RiskClass.WRITE);
        Tool update = tools.get("supabase.table.update");
        assertThat(update.definition().riskClass()).isEqualTo(RiskClass.WRITE);
        assertThat(update.riskOf(Map.of("table", "todos", "data", Map.of("done", true), "all_rows", true)))
                .isEqualTo(RiskClass.DESTRUCTIVE);
        assertThat(update.riskOf(Map.of("table", "todos", "data", Map.of("done", true), "all_rows", false,
                "filters", List.of(Map.of("column", "id", "op", "eq", "value", 3))))).isEqualTo(RiskClass.WRITE);
        assertThat(update.riskOf(Map.of("table", "todos", "data", Map.of("done", true)))).isEqualTo(RiskClass.WRITE);
        assertThat(update.definition().description()).contains("all_rows: true").contains("destructive")
                .contains("approval");
        assertThat(tools.values()).noneMatch(t -> t.definition().idempotent());
    }

    static void assertInvalid(Tool tool, Map<String, Object> args, String field) {
        assertThatThrownBy(() -> tool.invoke(Supabase.call(tool.definition().name(), args)))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
                    assertThat(e.getMessage()).startsWith(field);
                });
    }
}
