package dev.rig.pack.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.rig.pack.twilio.TwilioFixtures.AUTH_TOKEN;
import static dev.rig.pack.twilio.TwilioFixtures.CALL_PATH;
import static dev.rig.pack.twilio.TwilioFixtures.CALL_SID;
import static dev.rig.pack.twilio.TwilioFixtures.MESSAGES_PATH;
import static dev.rig.pack.twilio.TwilioFixtures.SERVICE_SID;
import static dev.rig.pack.twilio.TwilioFixtures.VERIFICATIONS_PATH;
import static dev.rig.pack.twilio.TwilioFixtures.VERIFICATION_CHECK_PATH;
import static dev.rig.pack.twilio.TwilioFixtures.call;
import static dev.rig.pack.twilio.TwilioFixtures.json;
import static dev.rig.pack.twilio.TwilioFixtures.settings;
import static dev.rig.pack.twilio.TwilioFixtures.tool;
import static dev.rig.pack.twilio.TwilioFixtures.twilioError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.rig.spi.CallContext;
import dev.rig.spi.ErrorType;
import dev.rig.spi.Secrets;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Twilio's error answers, and failures to reach it, become the RTP error types with Twilio's code. */
class TwilioErrorsTest {

    private static final Map<String, Object> SMS = Map.of("to", "+15558675310", "body", "hi", "from", "+15017122661");

    private final WireMockServer twilio = new WireMockServer(options().dynamicPort());

    @BeforeEach
    void start() {
        twilio.start();
    }

    @AfterEach
    void stop() {
        twilio.stop();
    }

    @Test
    void anInvalidNumberIsAValidationErrorNamingTheField() {
        twilio.stubFor(post(urlEqualTo(MESSAGES_PATH)).willReturn(
                twilioError(400, 21211, "The 'To' number +1555 is not a valid phone number.")));

        ToolException failure = sendSms();

        assertThat(failure.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.upstreamCode()).isEqualTo("21211");
        assertThat(failure.getMessage()).isEqualTo(
                "Twilio refused to send the SMS ('to'): The 'To' number +1555 is not a valid phone number.");
        assertThat(failure.hints()).contains("check the 'to' argument",
                "Twilio's explanation: https://www.twilio.com/docs/errors/21211");
    }

    @Test
    void aRejectedCredentialIsAnAuthErrorThatIsNeverRetried() {
        twilio.stubFor(post(urlEqualTo(MESSAGES_PATH)).willReturn(twilioError(401, 20003, "Authenticate")));

        ToolException failure = sendSms();

        assertThat(failure.type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.upstreamCode()).isEqualTo("20003");
        assertThat(failure.hints()).anyMatch(hint -> hint.contains("TWILIO_ACCOUNT_SID")
                && hint.contains("TWILIO_AUTH_TOKEN"));
        assertThat(failure.getMessage() + failure.hints()).doesNotContain(AUTH_TOKEN);
    }

    @Test
    void aForbiddenCallIsAPermissionError() {
        twilio.stubFor(post(urlEqualTo(MESSAGES_PATH)).willReturn(twilioError(403, 20403,
                "Permission to send an SMS has not been enabled for the region indicated by the 'To' number")));

        ToolException failure = sendSms();

        assertThat(failure.type()).isEqualTo(ErrorType.PERMISSION_ERROR);
        assertThat(failure.upstreamCode()).isEqualTo("20403");
        assertThat(failure.hints()).anyMatch(hint -> hint.contains("permissions"));
    }

    @Test
    void anUnknownCallIsNotFound() {
        twilio.stubFor(get(urlEqualTo(CALL_PATH)).willReturn(twilioError(404, 20404,
                "The requested resource /2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls/"
                        + CALL_SID + ".json was not found")));

        ToolException failure = catchThrowableOfType(ToolException.class, () -> tool("twilio.calls.status",
                settings(twilio.baseUrl())).invoke(call("twilio.calls.status", Map.of("call_sid", CALL_SID))));

        assertThat(failure.type()).isEqualTo(ErrorType.NOT_FOUND);
        assertThat(failure.upstreamCode()).isEqualTo("20404");
        assertThat(failure.hints()).anyMatch(hint -> hint.startsWith("check call_sid"));
    }

    @Test
    void aCheckOfAnExpiredVerificationIsNotFoundWithTheWayOut() {
        twilio.stubFor(post(urlEqualTo(VERIFICATION_CHECK_PATH)).willReturn(twilioError(404, 20404,
                "The requested resource /Services/" + SERVICE_SID + "/VerificationCheck was not found")));

        ToolException failure = catchThrowableOfType(ToolException.class, () -> tool("twilio.verify.check",
                settings(twilio.baseUrl())).invoke(call("twilio.verify.check",
                Map.of("service_sid", SERVICE_SID, "to", "+15558675310", "code", "123456"))));

        assertThat(failure.type()).isEqualTo(ErrorType.NOT_FOUND);
        assertThat(failure.getMessage()).startsWith("Twilio refused to check the code: ");
        assertThat(failure.hints()).anyMatch(hint -> hint.contains("twilio.verify.start"));
    }

    @Test
    void throttlingIsRateLimitedWithTheRetryAfterTwilioAsked() {
        twilio.stubFor(post(urlEqualTo(MESSAGES_PATH)).willReturn(
                twilioError(429, 20429, "Too Many Requests").withHeader("Retry-After", "7")));

        ToolException failure = sendSms();

        assertThat(failure.type()).isEqualTo(ErrorType.RATE_LIMITED);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(failure.upstreamCode()).isEqualTo("20429");
    }

    @Test
    void tooManyVerificationSendsIsRateLimitedButNotWorthRetrying() {
        twilio.stubFor(post(urlEqualTo(VERIFICATIONS_PATH)).willReturn(twilioError(429, 60203,
                "Max send attempts reached")));

        ToolException failure = catchThrowableOfType(ToolException.class, () -> tool("twilio.verify.start",
                settings(twilio.baseUrl())).invoke(call("twilio.verify.start",
                Map.of("service_sid", SERVICE_SID, "to", "+15558675310"))));

        assertThat(failure.type()).isEqualTo(ErrorType.RATE_LIMITED);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.upstreamCode()).isEqualTo("60203");
        assertThat(failure.hints()).anyMatch(hint -> hint.contains("10 minutes"));
    }

    @Test
    void aServerErrorIsTransientAndTheSdkDoesNotRetryIt() {
        twilio.stubFor(post(urlEqualTo(MESSAGES_PATH)).willReturn(twilioError(500, 20500, "Internal Server Error")));

        ToolException failure = sendSms();

        assertThat(failure.type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.upstreamCode()).isEqualTo("20500");
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
    }

    @Test
    void aGatewayErrorWithoutATwilioBodyIsTransient() {
        twilio.stubFor(post(urlEqualTo(MESSAGES_PATH)).willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Bad Gateway</body></html>")));

        ToolException failure = sendSms();

        assertThat(failure.type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(failure.upstreamCode()).isNull();
        assertThat(failure.getMessage()).contains("HTTP 502");
    }

    @Test
    void aRefusedConnectionIsTransient() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        ToolException failure = catchThrowableOfType(ToolException.class, () -> tool("twilio.sms.send",
                settings("http://127.0.0.1:" + closedPort)).invoke(call("twilio.sms.send", SMS)));

        assertThat(failure.type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage()).startsWith("could not reach Twilio at 127.0.0.1:" + closedPort);
    }

    @Test
    void aDroppedConnectionIsTransient() {
        twilio.stubFor(post(urlEqualTo(MESSAGES_PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThat(sendSms().type()).isEqualTo(ErrorType.TRANSIENT);
    }

    @Test
    void aSlowAnswerPastTheDeadlineIsATimeout() {
        twilio.stubFor(get(urlEqualTo(CALL_PATH)).willReturn(json(200, TwilioFixtures.callResource("completed", "1"))
                .withFixedDelay(1_500)));
        ToolCall call = new ToolCall("twilio.calls.status", Map.of("call_sid", CALL_SID),
                new CallContext(CallContext.DEFAULT_TENANT, "req-1", "tester"), "corr-1", "rig-corr-1",
                Secrets.of(TwilioFixtures.SECRETS), Instant.now().plusMillis(200), 1);

        ToolException failure = catchThrowableOfType(ToolException.class,
                () -> tool("twilio.calls.status", settings(twilio.baseUrl())).invoke(call));

        assertThat(failure.type()).isEqualTo(ErrorType.TIMEOUT);
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void anInterruptedCallEndsWithInterruptedException() {
        twilio.stubFor(get(urlEqualTo(CALL_PATH)).willReturn(json(200, TwilioFixtures.callResource("completed", "1"))));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> tool("twilio.calls.status", settings(twilio.baseUrl()))
                    .invoke(call("twilio.calls.status", Map.of("call_sid", CALL_SID))))
                    .isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void anUnreadableSuccessIsAnUpstreamErrorThatWarnsTheSmsMayHaveGone() {
        twilio.stubFor(post(urlEqualTo(MESSAGES_PATH)).willReturn(json(201, "{\"sid\": ")));

        ToolException failure = sendSms();

        assertThat(failure.type()).isEqualTo(ErrorType.UPSTREAM_ERROR);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.hints()).anyMatch(hint -> hint.contains("may have taken effect"));
    }

    @Test
    void aMalformedAccountSidIsAnAuthErrorBeforeAnyRequest() {
        ToolException failure = catchThrowableOfType(ToolException.class, () -> tool("twilio.sms.send",
                settings(twilio.baseUrl())).invoke(call("twilio.sms.send", SMS,
                Map.of("TWILIO_ACCOUNT_SID", "SK0123456789abcdef0123456789abcdef", "TWILIO_AUTH_TOKEN", AUTH_TOKEN))));

        assertThat(failure.type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(failure.getMessage()).contains("TWILIO_ACCOUNT_SID").doesNotContain("SK0123");
        assertThat(twilio.getAllServeEvents()).isEmpty();
    }

    @Test
    void aMissingTokenIsAnAuthErrorNamingTheSlot() {
        ToolException failure = catchThrowableOfType(ToolException.class, () -> tool("twilio.sms.send",
                settings(twilio.baseUrl())).invoke(call("twilio.sms.send", SMS,
                Map.of("TWILIO_ACCOUNT_SID", TwilioFixtures.ACCOUNT_SID))));

        assertThat(failure.type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(failure.getMessage()).contains("TWILIO_AUTH_TOKEN");
    }

    private ToolException sendSms() {
        return catchThrowableOfType(ToolException.class,
                () -> tool("twilio.sms.send", settings(twilio.baseUrl())).invoke(call("twilio.sms.send", SMS)));
    }
}
