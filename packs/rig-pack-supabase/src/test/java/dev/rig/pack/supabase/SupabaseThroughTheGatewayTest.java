package dev.rig.pack.supabase;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
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
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.rig.core.api.RigException;
import dev.rig.core.api.ToolResult;
import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import dev.rig.testkit.PackGateway;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pack inside a real gateway: retries, approvals and output checks as a user's call meets them. */
class SupabaseThroughTheGatewayTest {

    private static final WireMockServer stub = new WireMockServer(options().dynamicPort());

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        stub.start();
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
    void aThrottledSelectIsRetriedAfterRetryAfter() {
        stub.stubFor(get(urlPathEqualTo("/rest/v1/todos")).inScenario("throttle").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")
                        .withHeader("Content-Type", "application/json").withBody("{\"message\": \"Too many requests\"}"))
                .willSetStateTo("calm"));
        stub.stubFor(get(urlPathEqualTo("/rest/v1/todos")).inScenario("throttle").whenScenarioStateIs("calm")
                .willReturn(okJson("[{\"id\": 1, \"title\": \"Ship the pack\"}]")));

        try (PackGateway rig = gateway().open(dir)) {
            ToolResult result = rig.call("supabase.table.select", Map.of("table", "todos"));

            assertThat(result.ok()).as("%s", result.error()).isTrue();
            assertThat(result.output()).isEqualTo(Map.of("data", List.of(Map.of("id", 1, "title", "Ship the pack"))));
        }
        stub.verify(2, getRequestedFor(urlPathEqualTo("/rest/v1/todos")));
    }

    @Test
    void aFailedInsertIsNotRepeated() {
        stub.stubFor(post(urlPathEqualTo("/rest/v1/todos")).willReturn(aResponse().withStatus(503)));

        try (PackGateway rig = gateway().retries(3).open(dir)) {
            ToolResult result = rig.call("supabase.table.insert", Map.of("table", "todos", "data", Map.of("title", "x")));

            assertThat(result.ok()).isFalse();
            assertThat(result.error().type()).isEqualTo(ErrorType.TRANSIENT);
        }
        stub.verify(1, postRequestedFor(urlPathEqualTo("/rest/v1/todos")));
    }

    @Test
    void aFilteredUpdateRunsAtOnceEvenWhenApprovalsAreRequired() {
        stub.stubFor(patch(urlPathEqualTo("/rest/v1/todos")).willReturn(okJson("[{\"id\": 3, \"done\": true}]")));

        try (PackGateway rig = gateway().requireApprovals().open(dir)) {
            ToolResult result = rig.call("supabase.table.update", Map.of("table", "todos", "data", Map.of("done", true),
                    "filters", List.of(Map.of("column", "id", "op", "eq", "value", 3))));

            assertThat(result.ok()).as("%s", result.error()).isTrue();
            assertThat(result.approval()).isNull();
            Map<String, Object> expected = new HashMap<>();
            expected.put("data", List.of(Map.of("id", 3, "done", true)));
            expected.put("rows_updated", null);
            assertThat(result.output()).isEqualTo(expected);
        }
        stub.verify(1, anyRequestedFor(anyUrl()));
        stub.verify(1, patchRequestedFor(urlEqualTo("/rest/v1/todos?id=eq.3")));
    }

    @Test
    void anAllRowsUpdateIsHeldAsDestructiveAndRunsOnceWhenApproved() {
        stub.stubFor(patch(urlPathEqualTo("/rest/v1/todos"))
                .willReturn(aResponse().withStatus(204).withHeader("Content-Range", "0-41/42")));

        try (PackGateway rig = gateway().requireApprovals().open(dir)) {
            ToolResult held = rig.call("supabase.table.update", Map.of("table", "todos",
                    "data", Map.of("done", true), "all_rows", true));

            assertThat(held.ok()).isFalse();
            assertThat(held.error().type()).isEqualTo(ErrorType.APPROVAL_REQUIRED);
            assertThat(held.approval()).isNotNull();
            assertThat(held.approval().toolName()).isEqualTo("supabase.table.update");
            assertThat(held.approval().riskClass()).isEqualTo(RiskClass.DESTRUCTIVE);
            assertThat(held.approval().args()).containsEntry("all_rows", true);
            stub.verify(0, anyRequestedFor(anyUrl()));

            ToolResult approved = rig.gateway().approve(held.approval().token(), "alice");

            assertThat(approved.ok()).as("%s", approved.error()).isTrue();
            assertThat(approved.output()).isEqualTo(Map.of("data", List.of(), "rows_updated", 42));
            assertThatThrownBy(() -> rig.gateway().approve(held.approval().token(), "alice"))
                    .isInstanceOf(RigException.class);
        }
        stub.verify(1, anyRequestedFor(anyUrl()));
        stub.verify(1, patchRequestedFor(urlEqualTo("/rest/v1/todos?or=%28done.is.null%2Cdone.not.is.null%29"))
                .withHeader("Prefer", equalTo("return=minimal, count=exact"))
                .withRequestBody(equalToJson("{\"done\": true}")));
    }

    @Test
    void anEmptyFilterNeverReachesSupabase() {
        try (PackGateway rig = gateway().requireApprovals().open(dir)) {
            ToolResult result = rig.call("supabase.table.update", Map.of("table", "todos", "data", Map.of("done", true),
                    "filters", List.of()));

            assertThat(result.ok()).isFalse();
            assertThat(result.approval()).isNull();
            assertThat(result.error().type()).isEqualTo(ErrorType.VALIDATION_ERROR);
            assertThat(result.error().message()).contains("filters");
            assertThat(result.error().remediationHints()).anyMatch(h -> h.contains("all_rows: true"));
        }
        stub.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void filtersWithAllRowsAreRefusedBeforeAnyoneIsAskedToApprove() {
        try (PackGateway rig = gateway().requireApprovals().open(dir)) {
            ToolResult result = rig.call("supabase.table.update", Map.of("table", "todos", "data", Map.of("done", true),
                    "filters", List.of(Map.of("column", "id", "op", "eq", "value", 3)), "all_rows", true));

            assertThat(result.ok()).isFalse();
            assertThat(result.approval()).isNull();
            assertThat(result.error().type()).isEqualTo(ErrorType.VALIDATION_ERROR);
            assertThat(result.error().message()).contains("args.filters");
        }
        stub.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theKeyNeverAppearsInAnError() {
        stub.stubFor(get(urlPathEqualTo("/rest/v1/todos")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"Invalid API key " + Supabase.KEY + "\"}")));

        try (PackGateway rig = gateway().open(dir)) {
            ToolResult result = rig.call("supabase.table.select", Map.of("table", "todos"));

            assertThat(result.error().type()).isEqualTo(ErrorType.AUTH_ERROR);
            assertThat(result.error().retryable()).isFalse();
            assertThat(result.error().message()).doesNotContain(Supabase.KEY).contains("[redacted]");
        }
        stub.verify(1, getRequestedFor(urlPathEqualTo("/rest/v1/todos")));
    }

    private static PackGateway.Builder gateway() {
        return PackGateway.forPack("supabase").setting("base_url", stub.baseUrl())
                .secret("SUPABASE_SERVICE_ROLE_KEY", Supabase.KEY);
    }
}
