package dev.rig.pack.sendgrid;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.rig.pack.sendgrid.SendGridFixtures.sendGridError;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.rig.core.api.ToolResult;
import dev.rig.spi.ErrorType;
import dev.rig.testkit.PackGateway;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sendgrid pack through a real gateway: a throttled read is retried, a failed send is not. */
class SendGridThroughTheGatewayTest {

    private final WireMockServer sendGrid = new WireMockServer(options().dynamicPort());

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        sendGrid.start();
    }

    @AfterEach
    void stop() {
        sendGrid.stop();
    }

    @Test
    void aThrottledTemplateListIsRetriedAfterSendGridsRetryAfter() {
        sendGrid.stubFor(get(urlPathEqualTo("/v3/templates")).inScenario("throttled").whenScenarioStateIs(STARTED)
                .willReturn(sendGridError(429, "too many requests", null).withHeader("Retry-After", "0"))
                .willSetStateTo("calm"));
        sendGrid.stubFor(get(urlPathEqualTo("/v3/templates")).inScenario("throttled").whenScenarioStateIs("calm")
                .willReturn(SendGridFixtures.templatesPage(null,
                        "d-2c214ac919e84170b21855cc129b4a5f", "Order shipped", "dynamic")));

        try (PackGateway rig = gateway()) {
            ToolResult result = rig.call("sendgrid.templates.list", Map.of());

            assertThat(result.ok()).as("result %s", result.error()).isTrue();
            assertThat(result.output()).isEqualTo(Map.of("templates", List.of(Map.of(
                    "id", "d-2c214ac919e84170b21855cc129b4a5f", "name", "Order shipped", "generation", "dynamic"))));
        }
        sendGrid.verify(2, getRequestedFor(urlPathEqualTo("/v3/templates")));
    }

    @Test
    void aFailedSendIsNotSentTwice() {
        sendGrid.stubFor(post(urlEqualTo("/v3/mail/send")).willReturn(sendGridError(503, "service unavailable", null)));

        try (PackGateway rig = gateway()) {
            ToolResult result = rig.call("sendgrid.email.send", Map.of("to", "ada@example.com",
                    "from_email", "hello@example.com", "subject", "Hi", "text_content", "Hi"));

            assertThat(result.ok()).isFalse();
            assertThat(result.error().type()).isEqualTo(ErrorType.TRANSIENT);
        }
        sendGrid.verify(1, postRequestedFor(urlEqualTo("/v3/mail/send")));
    }

    @Test
    void anUnknownArgumentIsRefusedBeforeSendGridIsCalled() {
        try (PackGateway rig = gateway()) {
            ToolResult result = rig.call("sendgrid.email.send", Map.of("to", "ada@example.com",
                    "from_email", "hello@example.com", "subject", "Hi", "text_content", "Hi", "bcc", "eve@example.com"));

            assertThat(result.ok()).isFalse();
            assertThat(result.error().type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        }
        assertThat(sendGrid.getAllServeEvents()).isEmpty();
    }

    private PackGateway gateway() {
        return PackGateway.forPack("sendgrid")
                .setting("base_url", sendGrid.baseUrl())
                .secret("SENDGRID_API_KEY", SendGridFixtures.API_KEY)
                .open(dir);
    }
}
