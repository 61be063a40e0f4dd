package dev.rig.pack.notion;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.rig.pack.notion.FakeNotion.DATABASE_ID;
import static dev.rig.pack.notion.FakeNotion.PARENT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.rig.spi.ErrorType;
import dev.rig.spi.Secrets;
import dev.rig.spi.ToolException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Notion's errors become the RTP error types, with Notion's code, message, Retry-After and a hint. */
class NotionErrorsTest {

    private static final Map<String, Object> QUERY = Map.of("database_id", DATABASE_ID);

    private final FakeNotion notion = new FakeNotion();

    @AfterEach
    void stop() {
        notion.close();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "400, validation_error,      VALIDATION_ERROR, false, body failed validation: body.filter.or should be an array",
            "400, invalid_json,          VALIDATION_ERROR, false, Error parsing JSON body.",
            "401, unauthorized,          AUTH_ERROR,       false, API token is invalid.",
            "403, restricted_resource,   PERMISSION_ERROR, false, Insufficient permissions for this endpoint.",
            "404, object_not_found,      NOT_FOUND,        false, Could not find database with ID: d9824bdc.",
            "409, conflict_error,        CONFLICT,         false, Conflict occurred while saving. Please try again.",
            "429, rate_limited,          RATE_LIMITED,     true,  You have been rated limited. Please try again in a few minutes.",
            "500, internal_server_error, TRANSIENT,        true,  Unexpected error occurred.",
            "503, service_unavailable,   TRANSIENT,        true,  Notion is unavailable.",
            "504, gateway_timeout,       TRANSIENT,        true,  Gateway timeout."})
    void mapsNotionsErrorObject(int status, String code, ErrorType type, boolean retryable, String message) {
        notion.server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"object": "error", "status": %d, "code": "%s", "message": "%s",
                         "request_id": "3b1f7a4c-4c2e-4a8f-9d2e-7b6f5e4d3c2b"}""".formatted(status, code, message))));

        ToolException failure = notion.failure("notion.databases.query", QUERY);

        assertThat(failure.type()).isEqualTo(type);
        assertThat(failure.retryable()).isEqualTo(retryable);
        assertThat(failure.upstreamCode()).isEqualTo(code);
        assertThat(failure.getMessage()).isEqualTo("Notion answered " + status + " " + code + ": " + message)
                .doesNotContain(FakeNotion.TOKEN);
        assertThat(failure.hints()).isNotEmpty();
    }

    @Test
    void aValidationErrorNamesTheFieldNotionNamed() {
        notion.server.stubFor(post("/v1/pages").willReturn(aResponse().withStatus(400).withBody("""
                {"object": "error", "status": 400, "code": "validation_error",
                 "message": "Name is not a property that exists."}""")));

        ToolException failure = notion.failure("notion.pages.create", Map.of("parent", Map.of("database_id", DATABASE_ID),
                "properties", Map.of("Name", Map.of("title", java.util.List.of()))));

        assertThat(failure.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(failure.getMessage()).contains("Name is not a property that exists.");
    }

    @Test
    void anAuthErrorIsNeverRetryableAndNamesTheSlot() {
        notion.server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(401).withBody("""
                {"object": "error", "status": 401, "code": "unauthorized", "message": "API token is invalid."}""")));

        ToolException failure = notion.failure("notion.search", Map.of());

        assertThat(failure.type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.hints()).anyMatch(hint -> hint.contains("NOTION_TOKEN"));
    }

    @Test
    void aRateLimitCarriesNotionsRetryAfter() {
        notion.server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
                .withBody("""
                        {"object": "error", "status": 429, "code": "rate_limited",
                         "message": "You have been rated limited. Please try again in a few minutes."}""")));

        ToolException failure = notion.failure("notion.search", Map.of());

        assertThat(failure.type()).isEqualTo(ErrorType.RATE_LIMITED);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aGatewayPageThatIsNotJsonIsTransientWithoutAnUpstreamCode() {
        notion.server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Bad gateway</body></html>")));

        ToolException failure = notion.failure("notion.search", Map.of());

        assertThat(failure.type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(failure.upstreamCode()).isNull();
        assertThat(failure.getMessage()).isEqualTo("Notion answered 502");
    }

    @Test
    void aSuccessThatIsNotJsonIsAnUpstreamError() {
        notion.server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withBody("<html>login</html>")));

        assertThat(notion.failure("notion.search", Map.of()).type()).isEqualTo(ErrorType.UPSTREAM_ERROR);
    }

    @Test
    void aRefusedConnectionIsTransient() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        notion.reconfigure(Map.of("base_url", "http://127.0.0.1:" + closedPort));

        ToolException failure = notion.failure("notion.search", Map.of());

        assertThat(failure.type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage()).contains("127.0.0.1:" + closedPort);
    }

    @Test
    void aSlowAnswerTimesOutAtTheCallsDeadline() {
        notion.server.stubFor(post(anyUrl()).willReturn(aResponse().withFixedDelay(10_000).withBody("{}")));
        long started = System.nanoTime();

        ToolException failure = catchThrowableOfType(ToolException.class, () -> notion.tool("notion.search")
                .invoke(FakeNotion.call("notion.search", Map.of(), secrets(), Instant.now().plusMillis(300))));

        assertThat(failure.type()).isEqualTo(ErrorType.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void aDeadlineAlreadyPassedSendsNothing() {
        ToolException failure = catchThrowableOfType(ToolException.class, () -> notion.tool("notion.search")
                .invoke(FakeNotion.call("notion.search", Map.of(), secrets(), Instant.now().minusMillis(1))));

        assertThat(failure.type()).isEqualTo(ErrorType.TIMEOUT);
        notion.server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anInterruptEndsTheCallWhileNotionIsSlow() throws Exception {
        notion.server.stubFor(post(anyUrl()).willReturn(aResponse().withFixedDelay(10_000).withBody("{}")));
        AtomicReference<Throwable> ended = new AtomicReference<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                notion.call("notion.search", Map.of());
            } catch (Throwable e) {
                ended.set(e);
            }
            done.complete(null);
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> !notion.server.getAllServeEvents().isEmpty());

        caller.interrupt();

        done.get(3, TimeUnit.SECONDS);
        assertThat(ended.get()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void aMissingTokenIsAnAuthErrorBeforeAnyRequest() {
        ToolException failure = catchThrowableOfType(ToolException.class, () -> notion.tool("notion.search")
                .invoke(FakeNotion.call("notion.search", Map.of(), Secrets.none(), Instant.now().plusSeconds(5))));

        assertThat(failure.type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(failure.getMessage()).contains("NOTION_TOKEN");
        notion.server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aTokenThatCannotBeAHeaderIsAnAuthErrorThatDoesNotShowIt() {
        String broken = "ntn_secret\nX-Injected: yes";
        ToolException failure = catchThrowableOfType(ToolException.class, () -> notion.tool("notion.pages.create")
                .invoke(FakeNotion.call("notion.pages.create", Map.of("parent", Map.of("page_id", PARENT_ID)),
                        Secrets.of(Map.of("NOTION_TOKEN", broken)), Instant.now().plusSeconds(5))));

        assertThat(failure.type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(failure.getMessage()).doesNotContain("ntn_secret");
        notion.server.verify(0, anyRequestedFor(anyUrl()));
    }

    private static Secrets secrets() {
        return Secrets.of(Map.of("NOTION_TOKEN", FakeNotion.TOKEN));
    }
}
