package dev.rig.pack.airtable;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.rig.pack.airtable.FakeAirtable.BASE_ID;
import static dev.rig.pack.airtable.FakeAirtable.RECORD_ID;
import static dev.rig.pack.airtable.FakeAirtable.TABLE;
import static dev.rig.pack.airtable.FakeAirtable.TABLE_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rig.core.api.ToolResult;
import dev.rig.spi.ErrorType;
import dev.rig.testkit.PackGateway;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The airtable pack in a real gateway: retries, approvals, timeouts and input validation around real requests. */
class AirtableThroughTheGatewayTest {

    private static final String RATE_LIMITED = """
            {"errors": [{"error": "RATE_LIMIT_REACHED", "message": "Rate limit exceeded. Please try again later"}]}""";

    @TempDir
    Path dir;

    private final FakeAirtable airtable = new FakeAirtable();

    @AfterEach
    void stop() {
        airtable.close();
    }

    @Test
    void aRateLimitedListIsRetriedAfterAirtablesRetryAfter() {
        airtable.server.stubFor(get(urlPathEqualTo(TABLE_PATH)).inScenario("rate").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0").withBody(RATE_LIMITED))
                .willSetStateTo("calm"));
        airtable.server.stubFor(get(urlPathEqualTo(TABLE_PATH)).inScenario("rate").whenScenarioStateIs("calm")
                .willReturn(okJson("{\"records\": [" + FakeAirtable.record(RECORD_ID, "a") + "]}")));

        try (PackGateway rig = gateway().open(dir)) {
            ToolResult result = rig.call("airtable.records.list", Map.of("base_id", BASE_ID, "table_name", TABLE));

            assertThat(result.ok()).as("%s", result.error()).isTrue();
            assertThat(result.output()).isEqualTo(Map.of("records",
                    java.util.List.of(Map.of("id", RECORD_ID, "fields", Map.of("Name", "a")))));
        }
        airtable.server.verify(2, getRequestedFor(urlPathEqualTo(TABLE_PATH)));
    }

    @Test
    void aRateLimitedCreateIsNotRetried() {
        airtable.server.stubFor(post(TABLE_PATH).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "0").withBody(RATE_LIMITED)));

        try (PackGateway rig = gateway().retries(3).open(dir)) {
            ToolResult result = rig.call("airtable.records.create",
                    Map.of("base_id", BASE_ID, "table_name", TABLE, "fields", Map.of("Name", "a")));

            assertThat(result.error().type()).isEqualTo(ErrorType.RATE_LIMITED);
            assertThat(result.error().upstreamCode()).isEqualTo("RATE_LIMIT_REACHED");
        }
        airtable.server.verify(1, postRequestedFor(urlEqualTo(TABLE_PATH)));
    }

    @Test
    void anAuthErrorIsNotRetried() {
        airtable.server.stubFor(get(urlPathEqualTo(TABLE_PATH)).willReturn(aResponse().withStatus(401).withBody("""
                {"error": {"type": "AUTHENTICATION_REQUIRED", "message": "Authentication required"}}""")));

        try (PackGateway rig = gateway().retries(3).open(dir)) {
            ToolResult result = rig.call("airtable.records.list", Map.of("base_id", BASE_ID, "table_name", TABLE));

            assertThat(result.error().type()).isEqualTo(ErrorType.AUTH_ERROR);
            assertThat(result.error().retryable()).isFalse();
        }
        airtable.server.verify(1, getRequestedFor(urlPathEqualTo(TABLE_PATH)));
    }

    @Test
    void aDeleteWaitsForApprovalUnderTheDefaultPolicy() {
        try (PackGateway rig = gateway().requireApprovals().open(dir)) {
            ToolResult result = rig.call("airtable.records.delete",
                    Map.of("base_id", BASE_ID, "table_name", TABLE, "record_id", RECORD_ID));

            assertThat(result.error().type()).isEqualTo(ErrorType.APPROVAL_REQUIRED);
            assertThat(result.approval()).isNotNull();
        }
        airtable.server.verify(0, deleteRequestedFor(anyUrl()));
    }

    @Test
    void aRecordIdOfTheWrongShapeIsRefusedBeforeAirtableIsAsked() {
        try (PackGateway rig = gateway().open(dir)) {
            ToolResult result = rig.call("airtable.records.update", Map.of("base_id", BASE_ID, "table_name", TABLE,
                    "record_id", "../../appOther", "fields", Map.of()));

            assertThat(result.error().type()).isEqualTo(ErrorType.VALIDATION_ERROR);
            assertThat(result.error().message()).contains("record_id");
        }
        airtable.server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theGatewaysTimeoutEndsASlowCall() {
        airtable.server.stubFor(get(urlPathEqualTo(TABLE_PATH)).willReturn(aResponse().withFixedDelay(10_000)
                .withBody("{}")));
        long started = System.nanoTime();

        try (PackGateway rig = gateway().timeoutSeconds(1).retries(0).open(dir)) {
            ToolResult result = rig.call("airtable.records.list", Map.of("base_id", BASE_ID, "table_name", TABLE));

            assertThat(result.error().type()).isEqualTo(ErrorType.TIMEOUT);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
    }

    private PackGateway.Builder gateway() {
        return PackGateway.forPack("airtable").setting("base_url", airtable.server.baseUrl())
                .secret("AIRTABLE_API_KEY", FakeAirtable.TOKEN);
    }
}
