package dev.rig.pack.notion;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.rig.pack.notion.FakeNotion.DATABASE_ID;
import static dev.rig.pack.notion.FakeNotion.PAGE;
import static dev.rig.pack.notion.FakeNotion.PARENT_ID;
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

/** The notion pack in a real gateway: retries, timeouts and input validation around real requests. */
class NotionThroughTheGatewayTest {

    private static final String RATE_LIMITED = """
            {"object": "error", "status": 429, "code": "rate_limited",
             "message": "You have been rated limited. Please try again in a few minutes."}""";

    @TempDir
    Path dir;

    private final FakeNotion notion = new FakeNotion();

    @AfterEach
    void stop() {
        notion.close();
    }

    @Test
    void aRateLimitedReadIsRetriedAfterNotionsRetryAfter() {
        String url = "/v1/databases/" + DATABASE_ID + "/query";
        notion.server.stubFor(post(url).inScenario("rate").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0").withBody(RATE_LIMITED))
                .willSetStateTo("calm"));
        notion.server.stubFor(post(url).inScenario("rate").whenScenarioStateIs("calm").willReturn(okJson("""
                {"object": "list", "results": [], "next_cursor": null, "has_more": false}""")));

        try (PackGateway rig = gateway().open(dir)) {
            ToolResult result = rig.call("notion.databases.query", Map.of("database_id", DATABASE_ID));

            assertThat(result.ok()).as("%s", result.error()).isTrue();
            assertThat(result.output()).containsEntry("has_more", false);
        }
        notion.server.verify(2, postRequestedFor(urlEqualTo(url)));
    }

    @Test
    void aRateLimitedWriteIsNotRetried() {
        notion.server.stubFor(post("/v1/pages").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")
                .withBody(RATE_LIMITED)));

        try (PackGateway rig = gateway().open(dir)) {
            ToolResult result = rig.call("notion.pages.create", Map.of("parent", Map.of("page_id", PARENT_ID)));

            assertThat(result.ok()).isFalse();
            assertThat(result.error().type()).isEqualTo(ErrorType.RATE_LIMITED);
            assertThat(result.error().upstreamCode()).isEqualTo("rate_limited");
        }
        notion.server.verify(1, postRequestedFor(urlEqualTo("/v1/pages")));
    }

    @Test
    void anAuthErrorIsNotRetriedAndKeepsTheTokenOutOfTheAnswer() {
        notion.server.stubFor(post("/v1/search").willReturn(aResponse().withStatus(401).withBody("""
                {"object": "error", "status": 401, "code": "unauthorized",
                 "message": "API token is invalid: ntn_test_token_123"}""")));

        try (PackGateway rig = gateway().retries(3).open(dir)) {
            ToolResult result = rig.call("notion.search", Map.of("query", "x"));

            assertThat(result.error().type()).isEqualTo(ErrorType.AUTH_ERROR);
            assertThat(result.error().retryable()).isFalse();
            assertThat(result.error().message()).doesNotContain(FakeNotion.TOKEN);
        }
        notion.server.verify(1, postRequestedFor(urlEqualTo("/v1/search")));
    }

    @Test
    void aParentNamingBothAPageAndADatabaseIsRefusedBeforeNotionIsAsked() {
        try (PackGateway rig = gateway().open(dir)) {
            ToolResult result = rig.call("notion.pages.create", Map.of(
                    "parent", Map.of("page_id", PARENT_ID, "database_id", DATABASE_ID)));

            assertThat(result.error().type()).isEqualTo(ErrorType.VALIDATION_ERROR);
            assertThat(result.error().message()).contains("parent");
        }
        notion.server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aCreatedPageAnswersItsIdAndUrl() {
        notion.server.stubFor(post("/v1/pages").willReturn(okJson(PAGE)));

        try (PackGateway rig = gateway().open(dir)) {
            ToolResult result = rig.call("notion.pages.create", Map.of("parent", Map.of("page_id", PARENT_ID)));

            assertThat(result.ok()).as("%s", result.error()).isTrue();
            assertThat(result.output()).containsEntry("id", FakeNotion.PAGE_ID);
        }
    }

    @Test
    void theGatewaysTimeoutEndsASlowCall() {
        notion.server.stubFor(post("/v1/search").willReturn(aResponse().withFixedDelay(10_000).withBody("{}")));
        long started = System.nanoTime();

        try (PackGateway rig = gateway().timeoutSeconds(1).retries(0).open(dir)) {
            ToolResult result = rig.call("notion.search", Map.of());

            assertThat(result.error().type()).isEqualTo(ErrorType.TIMEOUT);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
    }

    private PackGateway.Builder gateway() {
        return PackGateway.forPack("notion").setting("base_url", notion.server.baseUrl())
                .secret("NOTION_TOKEN", FakeNotion.TOKEN);
    }
}
