package dev.rig.pack.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.rig.core.api.ToolResult;
import dev.rig.spi.ErrorType;
import dev.rig.testkit.PackGateway;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The google pack inside a real gateway (testkit PackGateway): the pipeline retries what is safe to
 * retry, with Google's Retry-After, and only that.
 */
class GoogleThroughTheGatewayTest {

    private static final FakeGoogle GOOGLE = new FakeGoogle();
    private static final String READ_PATH = "/v4/spreadsheets/sheet-123/values/Sheet1!A1:B2";
    private static final Map<String, Object> READ_ARGS = Map.of("spreadsheet_id", "sheet-123", "range", "Sheet1!A1:B2");

    @TempDir
    Path dir;

    @AfterAll
    static void stop() {
        GOOGLE.close();
    }

    @BeforeEach
    void reset() {
        GOOGLE.reset();
    }

    @Test
    void aRateLimitedReadIsRetriedAfterGooglesRetryAfterAndSucceeds() {
        failOnceThenAnswer(() -> get(urlPathEqualTo(READ_PATH)), 429, """
                {"range": "Sheet1!A1:B2", "majorDimension": "ROWS", "values": [["a", "b"]]}""");

        try (PackGateway rig = gateway()) {
            ToolResult result = rig.call("google.sheets.values.get", READ_ARGS);

            assertThat(result.ok()).as(String.valueOf(result.error())).isTrue();
            assertThat(result.output()).containsEntry("values", List.of(List.of("a", "b")));
        }
        assertThat(GOOGLE.server.findAll(getRequestedFor(urlPathEqualTo(READ_PATH)))).hasSize(2);
        assertThat(GOOGLE.tokenRequests()).as("the retry reuses the access token").hasSize(1);
    }

    @Test
    void theOverwritingSheetsUpdateIsRetriedAfterAServerError() {
        String path = "/v4/spreadsheets/sheet-123/values/Sheet1!A1";
        failOnceThenAnswer(() -> put(urlPathEqualTo(path)), 503, """
                {"spreadsheetId": "sheet-123", "updatedRange": "Sheet1!A1", "updatedRows": 1, "updatedColumns": 1,
                 "updatedCells": 1}""");

        try (PackGateway rig = gateway()) {
            ToolResult result = rig.call("google.sheets.values.update", Map.of("spreadsheet_id", "sheet-123",
                    "range", "Sheet1!A1", "values", List.of(List.of("x"))));

            assertThat(result.ok()).as(String.valueOf(result.error())).isTrue();
            assertThat(result.output()).containsEntry("updated_cells", 1L);
        }
        assertThat(GOOGLE.server.findAll(putRequestedFor(urlPathEqualTo(path)))).hasSize(2);
    }

    @Test
    void aFailedSendIsNeverRetriedSoNoMailGoesTwice() {
        String path = "/gmail/v1/users/me/messages/send";
        failOnceThenAnswer(() -> post(urlEqualTo(path)), 503, """
                {"id": "m1", "threadId": "t1", "labelIds": ["SENT"]}""");

        try (PackGateway rig = gateway()) {
            ToolResult result = rig.call("google.gmail.messages.send",
                    Map.of("to", "ada@example.com", "subject", "s", "body", "b"));

            assertThat(result.ok()).isFalse();
            assertThat(result.error().type()).isEqualTo(ErrorType.TRANSIENT);
            assertThat(result.error().upstreamCode()).isEqualTo("UNAVAILABLE");
        }
        assertThat(GOOGLE.server.findAll(postRequestedFor(urlEqualTo(path)))).hasSize(1);
    }

    @Test
    void anAuthErrorIsNotRetriedAndTheKeyNeverShows() {
        GOOGLE.server.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error": "invalid_grant", "error_description": "Invalid JWT Signature."}""")));

        try (PackGateway rig = gateway()) {
            ToolResult result = rig.call("google.sheets.values.get", READ_ARGS);

            assertThat(result.ok()).isFalse();
            assertThat(result.error().type()).isEqualTo(ErrorType.AUTH_ERROR);
            assertThat(result.error().retryable()).isFalse();
            assertThat(result.error().message()).contains("GOOGLE_CREDENTIALS_JSON").doesNotContain("PRIVATE KEY");
        }
        assertThat(GOOGLE.tokenRequests()).hasSize(1);
    }

    private PackGateway gateway() {
        return PackGateway.forPack("google")
                .setting("base_url", GOOGLE.baseUrl())
                .secret(ServiceAccounts.SLOT, GOOGLE.credentialsJson())
                .retries(1)
                .open(dir);
    }

    private static void failOnceThenAnswer(Supplier<MappingBuilder> request, int status, String answer) {
        String error = status == 429
                ? "{\"error\": {\"code\": 429, \"message\": \"Quota exceeded\", \"status\": \"RESOURCE_EXHAUSTED\"}}"
                : "{\"error\": {\"code\": 503, \"message\": \"The service is currently unavailable.\", \"status\": \"UNAVAILABLE\"}}";
        GOOGLE.server.stubFor(request.get().inScenario("flaky").whenScenarioStateIs(STARTED).willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(status).withHeader("Retry-After", "0")
                        .withHeader("Content-Type", "application/json").withBody(error)));
        GOOGLE.server.stubFor(request.get().inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(SheetsValuesGetToolTest.json(answer)));
    }
}
