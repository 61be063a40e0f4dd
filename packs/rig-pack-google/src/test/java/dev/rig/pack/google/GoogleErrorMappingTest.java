package dev.rig.pack.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.rig.spi.ErrorType;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How Google's error answers, token-endpoint refusals, unusable keys and network failures become
 * RTP errors: type, retryable, upstream code, Retry-After, hints; and that the SDK never retries on
 * its own.
 */
class GoogleErrorMappingTest {

    private static final FakeGoogle GOOGLE = new FakeGoogle();
    private static final String READ = "google.sheets.values.get";
    private static final String PATH = "/v4/spreadsheets/sheet-123/values/Sheet1!A1:B2";
    private static final Map<String, Object> ARGS = Map.of("spreadsheet_id", "sheet-123", "range", "Sheet1!A1:B2");

    @AfterAll
    static void stop() {
        GOOGLE.close();
    }

    @BeforeEach
    void reset() {
        GOOGLE.reset();
    }

    @Test
    void badRequestIsAValidationErrorWithGooglesMessage() {
        answer(400, """
                {"error": {"code": 400, "message": "Unable to parse range: Sheet9!A1:B2", "status": "INVALID_ARGUMENT"}}""");

        ToolException failure = failRead();

        assertThat(failure.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).isEqualTo("Google Sheets answered 400: Unable to parse range: Sheet9!A1:B2");
        assertThat(failure.upstreamCode()).isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void aFieldViolationNamesTheField() {
        answer(400, """
                {"error": {"code": 400, "message": "Invalid value at 'data.values[0]' (type.googleapis.com/google.protobuf.ListValue)",
                  "status": "INVALID_ARGUMENT",
                  "details": [{"@type": "type.googleapis.com/google.rpc.BadRequest",
                    "fieldViolations": [{"field": "data.values[0]", "description": "Invalid value"}]}]}}""");

        ToolException failure = failRead();

        assertThat(failure.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(failure.getMessage()).startsWith("Google Sheets answered 400 on data.values[0]: Invalid value at");
        assertThat(failure.hints()).anySatisfy(hint -> assertThat(hint).contains("data.values[0]"));
    }

    @Test
    void unauthorizedIsAnAuthErrorNeverRetried() {
        answer(401, """
                {"error": {"code": 401, "message": "Request had invalid authentication credentials.",
                  "status": "UNAUTHENTICATED"}}""");

        ToolException failure = failRead();

        assertThat(failure.type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.upstreamCode()).isEqualTo("UNAUTHENTICATED");
        assertThat(failure.hints()).anySatisfy(hint -> assertThat(hint).contains("GOOGLE_CREDENTIALS_JSON"));
        assertThat(GOOGLE.server.findAll(getRequestedFor(urlPathEqualTo(PATH)))).hasSize(1);
    }

    @Test
    void forbiddenIsAPermissionErrorNamingTheServiceAccountToShareWith() {
        answer(403, """
                {"error": {"code": 403, "message": "The caller does not have permission", "status": "PERMISSION_DENIED"}}""");

        ToolException failure = failRead();

        assertThat(failure.type()).isEqualTo(ErrorType.PERMISSION_ERROR);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.upstreamCode()).isEqualTo("PERMISSION_DENIED");
        assertThat(failure.hints()).anySatisfy(hint -> assertThat(hint).contains("share the spreadsheet")
                .contains(FakeGoogle.CLIENT_EMAIL));
    }

    @Test
    void aDisabledApiSaysWhichApiToEnable() {
        answer(403, """
                {"error": {"code": 403, "message": "Google Sheets API has not been used in project 123 before or it is disabled.",
                  "status": "PERMISSION_DENIED",
                  "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "SERVICE_DISABLED",
                    "domain": "googleapis.com", "metadata": {"service": "sheets.googleapis.com"}}]}}""");

        ToolException failure = failRead();

        assertThat(failure.type()).isEqualTo(ErrorType.PERMISSION_ERROR);
        assertThat(failure.upstreamCode()).isEqualTo("SERVICE_DISABLED");
        assertThat(failure.hints()).containsExactly(
                "enable the Google Sheets API in the Google Cloud project of the key in GOOGLE_CREDENTIALS_JSON (rig-test-project)");
    }

    @Test
    void notFoundSaysWhereTheSpreadsheetIdComesFrom() {
        answer(404, """
                {"error": {"code": 404, "message": "Requested entity was not found.", "status": "NOT_FOUND"}}""");

        ToolException failure = failRead();

        assertThat(failure.type()).isEqualTo(ErrorType.NOT_FOUND);
        assertThat(failure.getMessage()).isEqualTo("Google Sheets answered 404: Requested entity was not found.");
        assertThat(failure.upstreamCode()).isEqualTo("NOT_FOUND");
        assertThat(failure.hints()).anySatisfy(hint -> assertThat(hint).contains("spreadsheet_id"));
    }

    @Test
    void tooManyRequestsIsRateLimitedWithGooglesRetryAfter() {
        GOOGLE.server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withHeader("Retry-After", "7").withBody("""
                        {"error": {"code": 429, "message": "Quota exceeded for quota metric 'Read requests'",
                          "status": "RESOURCE_EXHAUSTED",
                          "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "RATE_LIMIT_EXCEEDED",
                            "domain": "googleapis.com"}]}}""")));

        ToolException failure = failRead();

        assertThat(failure.type()).isEqualTo(ErrorType.RATE_LIMITED);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(failure.upstreamCode()).isEqualTo("RATE_LIMIT_EXCEEDED");
        assertThat(GOOGLE.server.findAll(getRequestedFor(urlPathEqualTo(PATH)))).as("the SDK does not retry").hasSize(1);
    }

    @Test
    void aForbiddenUserRateLimitIsRateLimitedNotAPermissionError() {
        answer(403, """
                {"error": {"errors": [{"domain": "usageLimits", "reason": "userRateLimitExceeded",
                  "message": "User Rate Limit Exceeded"}], "code": 403, "message": "User Rate Limit Exceeded"}}""");

        ToolException failure = failRead();

        assertThat(failure.type()).isEqualTo(ErrorType.RATE_LIMITED);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.upstreamCode()).isEqualTo("userRateLimitExceeded");
    }

    @Test
    void serverErrorsAreTransientAndTheSdkDoesNotRetryThem() {
        for (int status : new int[] {500, 503}) {
            GOOGLE.reset();
            answer(status, """
                    {"error": {"code": %d, "message": "The service is currently unavailable.", "status": "UNAVAILABLE"}}"""
                    .formatted(status));

            ToolException failure = failRead();

            assertThat(failure.type()).isEqualTo(ErrorType.TRANSIENT);
            assertThat(failure.retryable()).isTrue();
            assertThat(failure.upstreamCode()).isEqualTo("UNAVAILABLE");
            assertThat(GOOGLE.server.findAll(getRequestedFor(urlPathEqualTo(PATH)))).hasSize(1);
        }
    }

    @Test
    void anHtmlErrorPageStillMapsByStatus() {
        GOOGLE.server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "text/html").withBody("<html><body>502 Bad Gateway</body></html>")));

        ToolException failure = failRead();

        assertThat(failure.type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(failure.getMessage()).isEqualTo("Google Sheets answered 502: no error message");
        assertThat(failure.upstreamCode()).isNull();
    }

    @Test
    void aRefusedConnectionIsTransient() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Tool tool = GOOGLE.tools(Map.of("sheets_base_url", "http://127.0.0.1:" + closed + "/")).get(READ);

        ToolException failure = catchThrowableOfType(ToolException.class, () -> tool.invoke(GOOGLE.call(READ, ARGS)));

        assertThat(failure.type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage()).isEqualTo("could not reach Google Sheets at 127.0.0.1:" + closed
                + ": the connection was refused");
    }

    @Test
    void aSlowAnswerEndsAtTheCallsDeadlineNotAtTheSdksDefaultTimeout() {
        GOOGLE.server.stubFor(get(urlPathEqualTo(PATH)).willReturn(SheetsValuesGetToolTest.json("{}").withFixedDelay(10_000)));
        ToolCall call = FakeGoogle.call(READ, ARGS, GOOGLE.credentialsJson(), Instant.now().plusMillis(1500));
        long started = System.nanoTime();

        ToolException failure = catchThrowableOfType(ToolException.class, () -> GOOGLE.tools().get(READ).invoke(call));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(failure.type()).isEqualTo(ErrorType.TIMEOUT);
        assertThat(failure.getMessage()).isEqualTo("Google Sheets did not answer before the call's deadline");
    }

    @Test
    void aSlowTokenEndpointAlsoEndsAtTheCallsDeadline() {
        GOOGLE.server.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(FakeGoogle.TOKEN_ANSWER).withFixedDelay(10_000)));
        ToolCall call = FakeGoogle.call(READ, ARGS, GOOGLE.credentialsJson(), Instant.now().plusMillis(1500));
        long started = System.nanoTime();

        ToolException failure = catchThrowableOfType(ToolException.class, () -> GOOGLE.tools().get(READ).invoke(call));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(failure.type()).isEqualTo(ErrorType.TIMEOUT);
        assertThat(failure.getMessage()).isEqualTo("Google's token endpoint did not answer before the call's deadline");
    }

    @Test
    void anInterruptEndsAWaitingCallAtOnce() throws Exception {
        GOOGLE.server.stubFor(get(urlPathEqualTo(PATH)).willReturn(SheetsValuesGetToolTest.json("{}").withFixedDelay(10_000)));
        Tool tool = GOOGLE.tools().get(READ);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                tool.invoke(GOOGLE.call(READ, ARGS));
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        caller.start();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !GOOGLE.server.findAll(getRequestedFor(urlPathEqualTo(PATH))).isEmpty());
        long interrupted = System.nanoTime();

        caller.interrupt();

        assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - interrupted)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void anInvalidGrantAtTheTokenEndpointIsAnAuthErrorNamingTheSecret() {
        GOOGLE.server.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"error": "invalid_grant", "error_description": "Invalid JWT Signature."}""")));

        ToolException failure = failRead();

        assertThat(failure.type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage())
                .isEqualTo("Google refused the service-account key in GOOGLE_CREDENTIALS_JSON: Invalid JWT Signature.");
        assertThat(failure.upstreamCode()).isEqualTo("invalid_grant");
        assertThat(failure.hints()).anySatisfy(hint -> assertThat(hint).contains("GOOGLE_CREDENTIALS_JSON"));
        assertThat(GOOGLE.server.findAll(getRequestedFor(urlPathMatching("/v4/.*")))).as("no API call without a token")
                .isEmpty();
    }

    @Test
    void anUnavailableTokenEndpointIsTransientAndAskedOnce() {
        GOOGLE.server.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error": "temporarily_unavailable", "error_description": "Try again later."}""")));

        ToolException failure = failRead();

        assertThat(failure.type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(failure.upstreamCode()).isEqualTo("temporarily_unavailable");
        assertThat(GOOGLE.tokenRequests()).as("the auth library's own retries are off").hasSize(1);
    }

    @Test
    void anUnreachableTokenEndpointIsTransient() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String key = GOOGLE.credentialsJson().replace(GOOGLE.baseUrl() + "/token", "http://127.0.0.1:" + closed + "/token");

        ToolException failure = catchThrowableOfType(ToolException.class,
                () -> GOOGLE.tools().get(READ).invoke(FakeGoogle.call(READ, ARGS, key, Instant.now().plusSeconds(30))));

        assertThat(failure.type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(failure.getMessage()).isEqualTo("could not reach Google's token endpoint at 127.0.0.1:" + closed
                + ": the connection was refused");
    }

    @Test
    void aKeyThatIsNotJsonIsAnAuthErrorThatDoesNotEchoTheKey() {
        String secret = "not-json-but-a-secret-value-s3cr3t";

        ToolException failure = failRead(secret);

        assertThat(failure.type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(failure.getMessage()).isEqualTo("GOOGLE_CREDENTIALS_JSON is not a usable service-account key: it is not a JSON object");
        assertThat(failure.hints()).anySatisfy(hint -> assertThat(hint).contains("Keys > Add key > JSON"));
        assertNoEcho(failure, "s3cr3t");
        ToolException broken = failRead("{\"type\": \"service_account\", \"private_key\": \"s3cr3t");
        assertThat(broken.getMessage()).isEqualTo("GOOGLE_CREDENTIALS_JSON is not a usable service-account key: it is not valid JSON");
        assertNoEcho(broken, "s3cr3t");
        assertThat(GOOGLE.server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void aKeyOfAnotherTypeOrWithMissingFieldsSaysWhichWithoutValues() {
        String user = """
                {"type": "authorized_user", "client_id": "x", "client_secret": "s3cr3t", "refresh_token": "1//s3cr3t"}""";
        assertThat(failRead(user).getMessage())
                .isEqualTo("GOOGLE_CREDENTIALS_JSON is not a usable service-account key: it is a key of 'authorized_user',"
                        + " not 'service_account'");

        String partial = """
                {"type": "service_account", "client_email": "a@b.iam.gserviceaccount.com", "private_key_id": "s3cr3t"}""";
        ToolException failure = failRead(partial);
        assertThat(failure.getMessage())
                .isEqualTo("GOOGLE_CREDENTIALS_JSON is not a usable service-account key: it lacks client_id, private_key");
        assertNoEcho(failure, "s3cr3t");
    }

    @Test
    void aKeyWhosePrivateKeyIsNotPkcs8IsAnAuthError() {
        String broken = GOOGLE.credentialsJson().replaceFirst("\"private_key\":\"[^\"]+\"",
                "\"private_key\":\"-----BEGIN PRIVATE KEY-----\\\\nczNjcjN0\\\\n-----END PRIVATE KEY-----\\\\n\"");

        ToolException failure = failRead(broken);

        assertThat(failure.type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(failure.getMessage()).contains("private_key is not an RSA key in PKCS#8 PEM form");
        assertNoEcho(failure, "czNjcjN0");
    }

    @Test
    void aMissingSecretIsAnAuthErrorNamingTheSlot() {
        ToolException failure = failRead(null);

        assertThat(failure.type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(failure.getMessage()).contains("GOOGLE_CREDENTIALS_JSON");
    }

    private static void assertNoEcho(ToolException failure, String secret) {
        assertThat(failure.getMessage()).doesNotContain(secret);
        assertThat(failure.hints()).noneSatisfy(hint -> assertThat(hint).contains(secret));
        assertThat(String.valueOf(failure.upstreamCode())).doesNotContain(secret);
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            assertThat(String.valueOf(cause.getMessage())).doesNotContain(secret);
        }
    }

    private static void answer(int status, String body) {
        GOOGLE.server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body)));
    }

    private static ToolException failRead() {
        return failRead(GOOGLE.credentialsJson());
    }

    private static ToolException failRead(String credentials) {
        ToolCall call = FakeGoogle.call(READ, ARGS, credentials, Instant.now().plusSeconds(30));
        ToolException failure = catchThrowableOfType(ToolException.class, () -> GOOGLE.tools().get(READ).invoke(call));
        assertThat(failure).as("the call should fail with a ToolException").isNotNull();
        return failure;
    }
}
