package dev.rig.pack.elevenlabs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.rig.spi.ErrorType;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ElevenLabs' error answers ({@code detail} as object, string or list) and network failures, as RTP errors. */
class ErrorMappingTest {

    private static final WireMockServer stub = new WireMockServer(options().dynamicPort());
    private static Map<String, Tool> tools;

    @BeforeAll
    static void start() {
        stub.start();
        tools = ElevenLabs.tools(stub);
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
    void anInvalidKeyIsAnAuthErrorNeverRetried() {
        answer(401, "{\"detail\": {\"status\": \"invalid_api_key\", \"message\": \"Invalid API key\"}}");

        ToolException e = voices();

        assertThat(e.type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(e.retryable()).isFalse();
        assertThat(e.upstreamCode()).isEqualTo("invalid_api_key");
        assertThat(e.getMessage()).isEqualTo("ElevenLabs answered HTTP 401 to elevenlabs.voices.list: Invalid API key");
        assertThat(e.hints()).anyMatch(h -> h.startsWith("check ELEVENLABS_API_KEY"));
        assertThat(e.getMessage() + e.hints()).doesNotContain(ElevenLabs.KEY);
    }

    @Test
    void anExhaustedQuotaIsAPermissionErrorThoughElevenLabsSays401() {
        answer(401, """
                {"detail": {"status": "quota_exceeded", "message": "This request exceeds your quota of 10000.\
                 You have 0 credits remaining, while 91 credits are required for this request."}}""");

        ToolException e = speak();

        assertThat(e.type()).isEqualTo(ErrorType.PERMISSION_ERROR);
        assertThat(e.upstreamCode()).isEqualTo("quota_exceeded");
        assertThat(e.hints()).anyMatch(h -> h.contains("too few credits"));
    }

    @Test
    void aKeyWithoutThePermissionIsAPermissionError() {
        answer(401, """
                {"detail": {"status": "missing_permissions",
                 "message": "The API key you used is missing the permission voices_read to execute this operation."}}""");

        ToolException e = voices();

        assertThat(e.type()).isEqualTo(ErrorType.PERMISSION_ERROR);
        assertThat(e.upstreamCode()).isEqualTo("missing_permissions");
        assertThat(e.hints()).anyMatch(h -> h.contains("voices_read"));
    }

    @Test
    void forbiddenIsAPermissionError() {
        answer(403, "{\"detail\": \"Forbidden\"}");

        ToolException e = voices();

        assertThat(e.type()).isEqualTo(ErrorType.PERMISSION_ERROR);
        assertThat(e.getMessage()).endsWith(": Forbidden");
    }

    @Test
    void anUnknownVoiceIsNotFound() {
        answer(404, """
                {"detail": {"status": "voice_not_found", "message": "A voice with the voice_id nope was not found."}}""");

        ToolException e = speak();

        assertThat(e.type()).isEqualTo(ErrorType.NOT_FOUND);
        assertThat(e.upstreamCode()).isEqualTo("voice_not_found");
        assertThat(e.hints()).anyMatch(h -> h.contains("elevenlabs.voices.list"));
    }

    @Test
    void aBadRequestWithAStringDetailIsAValidationError() {
        answer(400, "{\"detail\": \"Invalid model id\"}");

        ToolException e = speak();

        assertThat(e.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.upstreamCode()).isNull();
        assertThat(e.getMessage()).endsWith(": Invalid model id");
    }

    @Test
    void anUnprocessableRequestNamesTheField() {
        answer(422, """
                {"detail": [{"type": "missing", "loc": ["body", "text"], "msg": "Field required", "input": null}]}""");

        ToolException e = speak();

        assertThat(e.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getMessage()).isEqualTo("ElevenLabs answered HTTP 422 to elevenlabs.textToSpeech.create:"
                + " text: Field required");
        assertThat(e.hints()).containsExactly("check text");
    }

    @Test
    void throttlingIsRateLimitedWithRetryAfter() {
        stub.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")
                .withHeader("Content-Type", "application/json").withBody("""
                        {"detail": {"status": "too_many_concurrent_requests",
                         "message": "Too many concurrent requests."}}""")));

        ToolException e = speak();

        assertThat(e.type()).isEqualTo(ErrorType.RATE_LIMITED);
        assertThat(e.retryable()).isTrue();
        assertThat(e.upstreamCode()).isEqualTo("too_many_concurrent_requests");
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void serverErrorsAreTransient() {
        answer(500, "{\"detail\": {\"status\": \"internal_error\", \"message\": \"Something went wrong\"}}");

        ToolException e = voices();

        assertThat(e.type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(e.retryable()).isTrue();
        assertThat(e.upstreamCode()).isEqualTo("internal_error");
    }

    @Test
    void anUnreachableApiIsTransient() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Tool list = ElevenLabs.tools(Map.of("base_url", "http://127.0.0.1:" + closedPort)).get("elevenlabs.voices.list");

        assertThatThrownBy(() -> list.invoke(ElevenLabs.call("elevenlabs.voices.list", Map.of())))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.TRANSIENT);
                    assertThat(e.getMessage()).startsWith("could not reach ElevenLabs");
                });
    }

    @Test
    void theCallsDeadlineBoundsTheRequest() {
        stub.stubFor(any(anyUrl()).willReturn(aResponse().withFixedDelay(5_000).withBody("{}")));

        assertThatThrownBy(() -> tools.get("elevenlabs.voices.list").invoke(ElevenLabs.call("elevenlabs.voices.list",
                Map.of(), Map.of(ElevenLabsApi.KEY_SLOT, ElevenLabs.KEY), Duration.ofMillis(300))))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.TIMEOUT));
    }

    @Test
    void aMissingKeyIsAnAuthErrorNamingTheSlot() {
        assertThatThrownBy(() -> tools.get("elevenlabs.voices.list").invoke(ElevenLabs.call("elevenlabs.voices.list",
                Map.of(), Map.of(), Duration.ofSeconds(30))))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.AUTH_ERROR);
                    assertThat(e.getMessage()).contains("ELEVENLABS_API_KEY");
                });
    }

    private void answer(int status, String body) {
        stub.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private static ToolException voices() {
        return failure(tools.get("elevenlabs.voices.list"), Map.of());
    }

    private static ToolException speak() {
        return failure(tools.get("elevenlabs.textToSpeech.create"), Map.of("voice_id", "nope", "text", "Hello"));
    }

    private static ToolException failure(Tool tool, Map<String, Object> args) {
        try {
            tool.invoke(ElevenLabs.call(tool.definition().name(), args));
        } catch (ToolException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected a ToolException, got " + e, e);
        }
        throw new AssertionError("expected a ToolException, the call succeeded");
    }
}
