package dev.rig.pack.sendgrid;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.rig.pack.sendgrid.SendGridFixtures.API_KEY;
import static dev.rig.pack.sendgrid.SendGridFixtures.call;
import static dev.rig.pack.sendgrid.SendGridFixtures.json;
import static dev.rig.pack.sendgrid.SendGridFixtures.sendGridError;
import static dev.rig.pack.sendgrid.SendGridFixtures.tool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SendGrid's error answers, and failures to reach it, become the RTP error types with SendGrid's field. */
class SendGridErrorsTest {

    private static final Map<String, Object> EMAIL = Map.of("to", "ada@example.com", "from_email",
            "hello@example.com", "subject", "Hi", "text_content", "Hi");

    private final WireMockServer sendGrid = new WireMockServer(options().dynamicPort());

    @BeforeEach
    void start() {
        sendGrid.start();
    }

    @AfterEach
    void stop() {
        sendGrid.stop();
    }

    @Test
    void aBadAddressIsAValidationErrorNamingSendGridsFieldAndTheArgument() {
        sendGrid.stubFor(post(urlEqualTo("/v3/mail/send")).willReturn(
                sendGridError(400, "The from email does not contain a valid address.", "from.email")));

        ToolException failure = sendEmail();

        assertThat(failure.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).isEqualTo(
                "SendGrid refused to send the email: The from email does not contain a valid address. (field from.email)");
        assertThat(failure.hints()).contains("check the 'from_email' argument");
    }

    @Test
    void severalErrorsAreAllReported() {
        sendGrid.stubFor(post(urlEqualTo("/v3/mail/send")).willReturn(json(400, """
                {"errors": [{"message": "Invalid email.", "field": "personalizations.0.to.0.email", "help": null},
                            {"message": "The subject is required.", "field": "subject", "help": null, "error_id": "SG-400-7"}]}""")));

        ToolException failure = sendEmail();

        assertThat(failure.getMessage()).isEqualTo("SendGrid refused to send the email: Invalid email.; The subject is"
                + " required. (field personalizations.0.to.0.email, subject)");
        assertThat(failure.hints()).contains("check the 'to' argument", "check the 'subject' argument");
        assertThat(failure.upstreamCode()).isEqualTo("SG-400-7");
    }

    @Test
    void aRejectedKeyIsAnAuthErrorThatIsNeverRetried() {
        sendGrid.stubFor(post(urlEqualTo("/v3/mail/send")).willReturn(
                sendGridError(401, "The provided authorization grant is invalid, expired, or revoked", null)));

        ToolException failure = sendEmail();

        assertThat(failure.type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.hints()).anyMatch(hint -> hint.startsWith("check SENDGRID_API_KEY"));
        assertThat(failure.getMessage() + failure.hints()).doesNotContain(API_KEY);
    }

    @Test
    void anUnverifiedSenderIsAPermissionErrorWithTheWayOut() {
        sendGrid.stubFor(post(urlEqualTo("/v3/mail/send")).willReturn(sendGridError(403,
                "The from address does not match a verified Sender Identity. Mail cannot be sent until this error is resolved.",
                "from")));

        ToolException failure = sendEmail();

        assertThat(failure.type()).isEqualTo(ErrorType.PERMISSION_ERROR);
        assertThat(failure.hints()).anyMatch(hint -> hint.contains("Sender Authentication"));
    }

    @Test
    void aMissingEndpointIsNotFound() {
        sendGrid.stubFor(post(urlEqualTo("/v3/mail/send")).willReturn(sendGridError(404, "resource not found", null)));

        assertThat(sendEmail().type()).isEqualTo(ErrorType.NOT_FOUND);
    }

    @Test
    void aTooLargeEmailIsAValidationError() {
        sendGrid.stubFor(post(urlEqualTo("/v3/mail/send")).willReturn(aResponse().withStatus(413)));

        ToolException failure = sendEmail();

        assertThat(failure.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(failure.getMessage()).contains("larger than SendGrid accepts");
    }

    @Test
    void throttlingIsRateLimitedUntilTheRateLimitResets() {
        long reset = Instant.now().getEpochSecond() + 20;
        sendGrid.stubFor(get(urlPathEqualTo("/v3/templates")).willReturn(sendGridError(429, "too many requests", null)
                .withHeader("X-RateLimit-Limit", "150").withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", String.valueOf(reset))));

        ToolException failure = listTemplates();

        assertThat(failure.type()).isEqualTo(ErrorType.RATE_LIMITED);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.retryAfter()).isBetween(Duration.ofSeconds(17), Duration.ofSeconds(20));
    }

    @Test
    void aRetryAfterHeaderWinsOverTheResetTime() {
        sendGrid.stubFor(get(urlPathEqualTo("/v3/templates")).willReturn(sendGridError(429, "too many requests", null)
                .withHeader("Retry-After", "3").withHeader("X-RateLimit-Reset", "4102444800")));

        assertThat(listTemplates().retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aServerErrorIsTransientAndSentOnce() {
        sendGrid.stubFor(post(urlEqualTo("/v3/mail/send")).willReturn(sendGridError(500, "internal error", null)));

        ToolException failure = sendEmail();

        assertThat(failure.type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage()).isEqualTo("SendGrid refused to send the email: internal error");
        sendGrid.verify(1, postRequestedFor(urlEqualTo("/v3/mail/send")));
    }

    @Test
    void aGatewayErrorWithoutASendGridBodyIsTransient() {
        sendGrid.stubFor(post(urlEqualTo("/v3/mail/send")).willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "text/html").withBody("<html>Bad Gateway</html>")));

        ToolException failure = sendEmail();

        assertThat(failure.type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(failure.getMessage()).contains("HTTP 502 without a SendGrid error body");
    }

    @Test
    void aRefusedConnectionIsTransient() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        ToolException failure = catchThrowableOfType(ToolException.class, () -> tool("sendgrid.email.send",
                "http://127.0.0.1:" + closedPort).invoke(call("sendgrid.email.send", EMAIL)));

        assertThat(failure.type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(failure.getMessage()).startsWith("could not reach SendGrid at 127.0.0.1:" + closedPort);
    }

    @Test
    void aDroppedConnectionIsTransient() {
        sendGrid.stubFor(post(urlEqualTo("/v3/mail/send")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThat(sendEmail().type()).isEqualTo(ErrorType.TRANSIENT);
    }

    @Test
    void aSlowAnswerPastTheDeadlineIsATimeout() {
        sendGrid.stubFor(get(urlPathEqualTo("/v3/templates")).willReturn(SendGridFixtures.templatesPage(null)
                .withFixedDelay(1_500)));

        ToolException failure = catchThrowableOfType(ToolException.class, () -> tool("sendgrid.templates.list",
                sendGrid.baseUrl()).invoke(call("sendgrid.templates.list", Map.of(), SendGridFixtures.SECRETS,
                Instant.now().plusMillis(200))));

        assertThat(failure.type()).isEqualTo(ErrorType.TIMEOUT);
    }

    @Test
    void anInterruptedCallEndsWithInterruptedException() {
        sendGrid.stubFor(get(urlPathEqualTo("/v3/templates")).willReturn(SendGridFixtures.templatesPage(null)));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> tool("sendgrid.templates.list", sendGrid.baseUrl())
                    .invoke(call("sendgrid.templates.list", Map.of())))
                    .isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aTemplateListThatIsNotSendGridsIsAnUpstreamError() {
        sendGrid.stubFor(get(urlPathEqualTo("/v3/templates")).willReturn(json(200, "<html>login</html>")));

        ToolException failure = listTemplates();

        assertThat(failure.type()).isEqualTo(ErrorType.UPSTREAM_ERROR);
        assertThat(failure.hints()).anyMatch(hint -> hint.contains("base_url"));
    }

    @Test
    void aKeyThatCannotBeAHeaderIsAnAuthErrorBeforeAnyRequest() {
        ToolException failure = catchThrowableOfType(ToolException.class, () -> tool("sendgrid.email.send",
                sendGrid.baseUrl()).invoke(call("sendgrid.email.send", EMAIL,
                Map.of("SENDGRID_API_KEY", "SG.abc\nX-Injected: 1"), Instant.now().plusSeconds(30))));

        assertThat(failure.type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(failure.getMessage()).doesNotContain("SG.abc");
        assertThat(sendGrid.getAllServeEvents()).isEmpty();
    }

    @Test
    void aMissingKeyIsAnAuthErrorNamingTheSlot() {
        ToolException failure = catchThrowableOfType(ToolException.class, () -> tool("sendgrid.email.send",
                sendGrid.baseUrl()).invoke(call("sendgrid.email.send", EMAIL, Map.of(), Instant.now().plusSeconds(30))));

        assertThat(failure.type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(failure.getMessage()).contains("SENDGRID_API_KEY");
    }

    private ToolException sendEmail() {
        return catchThrowableOfType(ToolException.class,
                () -> tool("sendgrid.email.send", sendGrid.baseUrl()).invoke(call("sendgrid.email.send", EMAIL)));
    }

    private ToolException listTemplates() {
        return catchThrowableOfType(ToolException.class, () -> tool("sendgrid.templates.list", sendGrid.baseUrl())
                .invoke(call("sendgrid.templates.list", Map.of())));
    }
}
