package dev.rig.pack.airtable;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.rig.pack.airtable.FakeAirtable.BASE_ID;
import static dev.rig.pack.airtable.FakeAirtable.RECORD_ID;
import static dev.rig.pack.airtable.FakeAirtable.TABLE;
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

/** Airtable's errors become the RTP error types, with Airtable's type, message, Retry-After and a hint. */
class AirtableErrorsTest {

    private static final Map<String, Object> LIST = Map.of("base_id", BASE_ID, "table_name", TABLE);

    private final FakeAirtable airtable = new FakeAirtable();

    @AfterEach
    void stop() {
        airtable.close();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "400 | INVALID_REQUEST_BODY                   | VALIDATION_ERROR | false | Could not parse request body",
            "401 | AUTHENTICATION_REQUIRED                | AUTH_ERROR       | false | Authentication required",
            "403 | INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND | PERMISSION_ERROR | false | Invalid permissions, or the requested model was not found. Check that both your user and your token have the required permissions, and that the model names and/or ids are correct.",
            "404 | MODEL_ID_NOT_FOUND                     | NOT_FOUND        | false | Could not find a record with ID recJ7BbkqKq8bRXSP",
            "422 | INVALID_FILTER_BY_FORMULA              | VALIDATION_ERROR | false | The formula for filtering records is invalid: Unknown field names: statu",
            "429 | RATE_LIMIT_REACHED                     | RATE_LIMITED     | true  | Rate limit exceeded. Please try again later",
            "500 | SERVER_ERROR                           | TRANSIENT        | true  | Try again. If the problem persists, contact support.",
            "503 | SERVICE_UNAVAILABLE                    | TRANSIENT        | true  | The service is temporarily unable to process your request."})
    void mapsAirtablesErrorObject(int status, String type, ErrorType expected, boolean retryable, String message) {
        airtable.server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"error": {"type": "%s", "message": "%s"}}""".formatted(type, message))));

        ToolException failure = airtable.failure("airtable.records.list", LIST);

        assertThat(failure.type()).isEqualTo(expected);
        assertThat(failure.retryable()).isEqualTo(retryable);
        assertThat(failure.upstreamCode()).isEqualTo(type);
        assertThat(failure.getMessage()).isEqualTo("Airtable answered " + status + " " + type + ": " + message)
                .doesNotContain(FakeAirtable.TOKEN);
        assertThat(failure.hints()).isNotEmpty();
    }

    @Test
    void aValidationErrorNamesTheFieldAirtableNamed() {
        airtable.server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(422).withBody("""
                {"error": {"type": "UNKNOWN_FIELD_NAME", "message": "Unknown field name: \\"Nmae\\""}}""")));

        ToolException failure = airtable.failure("airtable.records.create",
                Map.of("base_id", BASE_ID, "table_name", TABLE, "fields", Map.of("Nmae", "x")));

        assertThat(failure.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(failure.upstreamCode()).isEqualTo("UNKNOWN_FIELD_NAME");
        assertThat(failure.getMessage()).contains("Unknown field name: \"Nmae\"");
    }

    @Test
    void aPlainStringErrorIsTheUpstreamCode() {
        airtable.server.stubFor(patch(anyUrl()).willReturn(aResponse().withStatus(404).withBody("""
                {"error": "NOT_FOUND"}""")));

        ToolException failure = airtable.failure("airtable.records.update", Map.of("base_id", BASE_ID,
                "table_name", TABLE, "record_id", RECORD_ID, "fields", Map.of("Status", "Done")));

        assertThat(failure.type()).isEqualTo(ErrorType.NOT_FOUND);
        assertThat(failure.upstreamCode()).isEqualTo("NOT_FOUND");
        assertThat(failure.getMessage()).isEqualTo("Airtable answered 404 NOT_FOUND");
        assertThat(failure.hints()).anyMatch(hint -> hint.contains("record_id"));
    }

    @Test
    void anAuthErrorIsNeverRetryableAndNamesTheSlot() {
        airtable.server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(401).withBody("""
                {"error": {"type": "AUTHENTICATION_REQUIRED", "message": "Authentication required"}}""")));

        ToolException failure = airtable.failure("airtable.records.list", LIST);

        assertThat(failure.type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.hints()).anyMatch(hint -> hint.contains("AIRTABLE_API_KEY"));
    }

    @Test
    void aRateLimitWithoutRetryAfterWaitsTheThirtySecondsAirtableAsks() {
        airtable.server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(429).withBody("""
                {"errors": [{"error": "RATE_LIMIT_REACHED", "message": "Rate limit exceeded. Please try again later"}]}""")));

        ToolException failure = airtable.failure("airtable.records.list", LIST);

        assertThat(failure.type()).isEqualTo(ErrorType.RATE_LIMITED);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.upstreamCode()).isEqualTo("RATE_LIMIT_REACHED");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aRateLimitWithRetryAfterWaitsThatLong() {
        airtable.server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "4")
                .withBody("""
                        {"errors": [{"error": "RATE_LIMIT_REACHED", "message": "Rate limit exceeded."}]}""")));

        assertThat(airtable.failure("airtable.records.list", LIST).retryAfter()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void aGatewayPageThatIsNotJsonIsTransientWithoutAnUpstreamCode() {
        airtable.server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "text/html").withBody("<html><body>502 Bad Gateway</body></html>")));

        ToolException failure = airtable.failure("airtable.records.list", LIST);

        assertThat(failure.type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(failure.upstreamCode()).isNull();
        assertThat(failure.getMessage()).isEqualTo("Airtable answered 502");
    }

    @Test
    void aRefusedConnectionIsTransient() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        airtable.reconfigure(Map.of("base_url", "http://127.0.0.1:" + closedPort));

        ToolException failure = airtable.failure("airtable.records.list", LIST);

        assertThat(failure.type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage()).contains("127.0.0.1:" + closedPort);
    }

    @Test
    void aSlowAnswerTimesOutAtTheCallsDeadline() {
        airtable.server.stubFor(get(anyUrl()).willReturn(aResponse().withFixedDelay(10_000).withBody("{}")));
        long started = System.nanoTime();

        ToolException failure = catchThrowableOfType(ToolException.class, () -> airtable.tool("airtable.records.list")
                .invoke(FakeAirtable.call("airtable.records.list", LIST, secrets(), Instant.now().plusMillis(300))));

        assertThat(failure.type()).isEqualTo(ErrorType.TIMEOUT);
        assertThat(failure.getMessage()).doesNotContain("?");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void anInterruptEndsTheCallWhileAirtableIsSlow() throws Exception {
        airtable.server.stubFor(get(anyUrl()).willReturn(aResponse().withFixedDelay(10_000).withBody("{}")));
        AtomicReference<Throwable> ended = new AtomicReference<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                airtable.call("airtable.records.list", LIST);
            } catch (Throwable e) {
                ended.set(e);
            }
            done.complete(null);
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> !airtable.server.getAllServeEvents().isEmpty());

        caller.interrupt();

        done.get(3, TimeUnit.SECONDS);
        assertThat(ended.get()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void aMissingTokenIsAnAuthErrorBeforeAnyRequest() {
        ToolException failure = catchThrowableOfType(ToolException.class, () -> airtable.tool("airtable.records.list")
                .invoke(FakeAirtable.call("airtable.records.list", LIST, Secrets.none(), Instant.now().plusSeconds(5))));

        assertThat(failure.type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(failure.getMessage()).contains("AIRTABLE_API_KEY");
        airtable.server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aDeadlineAlreadyPassedSendsNothing() {
        ToolException failure = catchThrowableOfType(ToolException.class, () -> airtable.tool("airtable.records.list")
                .invoke(FakeAirtable.call("airtable.records.list", LIST, secrets(), Instant.now().minusMillis(1))));

        assertThat(failure.type()).isEqualTo(ErrorType.TIMEOUT);
        airtable.server.verify(0, anyRequestedFor(anyUrl()));
    }

    private static Secrets secrets() {
        return Secrets.of(Map.of("AIRTABLE_API_KEY", FakeAirtable.TOKEN));
    }
}
