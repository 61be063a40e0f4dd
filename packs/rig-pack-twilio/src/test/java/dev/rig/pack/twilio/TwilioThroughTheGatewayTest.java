package dev.rig.pack.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.rig.pack.twilio.TwilioFixtures.ACCOUNT_SID;
import static dev.rig.pack.twilio.TwilioFixtures.AUTH_TOKEN;
import static dev.rig.pack.twilio.TwilioFixtures.CALL_PATH;
import static dev.rig.pack.twilio.TwilioFixtures.CALL_SID;
import static dev.rig.pack.twilio.TwilioFixtures.MESSAGES_PATH;
import static dev.rig.pack.twilio.TwilioFixtures.json;
import static dev.rig.pack.twilio.TwilioFixtures.twilioError;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.rig.core.api.ToolResult;
import dev.rig.spi.ErrorType;
import dev.rig.testkit.PackGateway;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The twilio pack through a real gateway: retries of reads, none of writes, secrets kept out of errors. */
class TwilioThroughTheGatewayTest {

    private final WireMockServer twilio = new WireMockServer(options().dynamicPort());

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        twilio.start();
    }

    @AfterEach
    void stop() {
        twilio.stop();
    }

    @Test
    void aThrottledCallLookupIsRetriedAfterTwiliosRetryAfter() {
        twilio.stubFor(get(urlEqualTo(CALL_PATH)).inScenario("throttled").whenScenarioStateIs(STARTED)
                .willReturn(twilioError(429, 20429, "Too Many Requests").withHeader("Retry-After", "0"))
                .willSetStateTo("calm"));
        twilio.stubFor(get(urlEqualTo(CALL_PATH)).inScenario("throttled").whenScenarioStateIs("calm")
                .willReturn(json(200, TwilioFixtures.callResource("completed", "42"))));

        try (PackGateway rig = gateway()) {
            ToolResult result = rig.call("twilio.calls.status", Map.of("call_sid", CALL_SID));

            assertThat(result.ok()).as("result %s", result.error()).isTrue();
            assertThat(result.output()).containsEntry("status", "completed").containsEntry("duration", 42);
        }
        twilio.verify(2, getRequestedFor(urlEqualTo(CALL_PATH)));
    }

    @Test
    void aFailedSmsIsNotSentTwice() {
        twilio.stubFor(post(urlEqualTo(MESSAGES_PATH)).willReturn(twilioError(503, 20503, "Service Unavailable")));

        try (PackGateway rig = gateway()) {
            ToolResult result = rig.call("twilio.sms.send",
                    Map.of("to", "+15558675310", "body", "hi", "from", "+15017122661"));

            assertThat(result.ok()).isFalse();
            assertThat(result.error().type()).isEqualTo(ErrorType.TRANSIENT);
            assertThat(result.error().upstreamCode()).isEqualTo("20503");
        }
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
    }

    @Test
    void anInvalidCallSidIsRefusedBeforeTwilioIsCalled() {
        try (PackGateway rig = gateway()) {
            ToolResult result = rig.call("twilio.calls.status", Map.of("call_sid", "../Messages"));

            assertThat(result.ok()).isFalse();
            assertThat(result.error().type()).isEqualTo(ErrorType.VALIDATION_ERROR);
            assertThat(result.error().message()).contains("call_sid");
        }
        assertThat(twilio.getAllServeEvents()).isEmpty();
    }

    private PackGateway gateway() {
        return PackGateway.forPack("twilio")
                .setting("base_url", twilio.baseUrl())
                .setting("verify_base_url", twilio.baseUrl())
                .secret("TWILIO_ACCOUNT_SID", ACCOUNT_SID)
                .secret("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
                .open(dir);
    }
}
