package dev.rig.pack.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.rig.pack.twilio.TwilioFixtures.BASIC_AUTH;
import static dev.rig.pack.twilio.TwilioFixtures.CALLS_PATH;
import static dev.rig.pack.twilio.TwilioFixtures.CALL_PATH;
import static dev.rig.pack.twilio.TwilioFixtures.CALL_SID;
import static dev.rig.pack.twilio.TwilioFixtures.MESSAGES_PATH;
import static dev.rig.pack.twilio.TwilioFixtures.MESSAGING_SERVICE_SID;
import static dev.rig.pack.twilio.TwilioFixtures.SERVICE_SID;
import static dev.rig.pack.twilio.TwilioFixtures.VERIFICATIONS_PATH;
import static dev.rig.pack.twilio.TwilioFixtures.VERIFICATION_CHECK_PATH;
import static dev.rig.pack.twilio.TwilioFixtures.call;
import static dev.rig.pack.twilio.TwilioFixtures.form;
import static dev.rig.pack.twilio.TwilioFixtures.json;
import static dev.rig.pack.twilio.TwilioFixtures.settings;
import static dev.rig.pack.twilio.TwilioFixtures.tool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every Twilio tool against a stub answering as Twilio does: the exact request sent and the mapped output. */
class TwilioToolsTest {

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
    void sendsAnSmsAsAFormPostWithBasicAuth() throws Exception {
        twilio.stubFor(post(urlEqualTo(MESSAGES_PATH)).willReturn(json(201,
                TwilioFixtures.message("SM1f0e8ae6ade43cb3c0ce4525424e404f", "queued", "+15558675310", "+15017122661"))));

        Map<String, Object> output = tool("twilio.sms.send", settings(twilio.baseUrl())).invoke(call("twilio.sms.send",
                Map.of("to", "+15558675310", "body", "Your order has shipped & is on its way.", "from", "+15017122661")));

        assertThat(output).containsExactlyInAnyOrderEntriesOf(Map.of(
                "sid", "SM1f0e8ae6ade43cb3c0ce4525424e404f", "status", "queued",
                "to", "+15558675310", "from", "+15017122661"));
        LoggedRequest sent = only(postRequestedFor(urlEqualTo(MESSAGES_PATH)));
        assertThat(sent.getHeader("Authorization")).isEqualTo(BASIC_AUTH);
        assertThat(sent.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(sent.getHeader("User-Agent")).contains("twilio-java/13.0.1", "rig-pack-twilio/0.1.0");
        assertThat(form(sent)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "To", "+15558675310", "From", "+15017122661", "Body", "Your order has shipped & is on its way."));
    }

    @Test
    void usesTheDefaultSenderWhenTheCallNamesNone() throws Exception {
        twilio.stubFor(post(urlEqualTo(MESSAGES_PATH)).willReturn(json(201,
                TwilioFixtures.message("SM1f0e8ae6ade43cb3c0ce4525424e404f", "queued", "+15558675310", "+15005550006"))));
        Map<String, Object> settings = new HashMap<>(settings(twilio.baseUrl()));
        settings.put("default_from", "+15005550006");

        tool("twilio.sms.send", settings).invoke(call("twilio.sms.send", Map.of("to", "+15558675310", "body", "hi")));

        assertThat(form(only(postRequestedFor(urlEqualTo(MESSAGES_PATH))))).containsExactlyInAnyOrderEntriesOf(
                Map.of("To", "+15558675310", "From", "+15005550006", "Body", "hi"));
    }

    @Test
    void sendsThroughTheMessagingServiceWithoutASenderAndAnswersANullFrom() throws Exception {
        twilio.stubFor(post(urlEqualTo(MESSAGES_PATH)).willReturn(json(201,
                TwilioFixtures.message("SM1f0e8ae6ade43cb3c0ce4525424e404f", "accepted", "+15558675310", null))));
        Map<String, Object> settings = new HashMap<>(settings(twilio.baseUrl()));
        settings.put("messaging_service_sid", MESSAGING_SERVICE_SID);

        Map<String, Object> output = tool("twilio.sms.send", settings)
                .invoke(call("twilio.sms.send", Map.of("to", "+15558675310", "body", "hi")));

        assertThat(output).containsEntry("status", "accepted").containsEntry("from", null);
        assertThat(form(only(postRequestedFor(urlEqualTo(MESSAGES_PATH))))).containsExactlyInAnyOrderEntriesOf(
                Map.of("To", "+15558675310", "MessagingServiceSid", MESSAGING_SERVICE_SID, "Body", "hi"));
    }

    @Test
    void refusesAnSmsWithoutAnySenderBeforeCallingTwilio() {
        assertThatThrownBy(() -> tool("twilio.sms.send", settings(twilio.baseUrl()))
                .invoke(call("twilio.sms.send", Map.of("to", "+15558675310", "body", "hi"))))
                .isInstanceOfSatisfying(ToolException.class, failure -> {
                    assertThat(failure.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
                    assertThat(failure.getMessage()).contains("'from'");
                    assertThat(failure.hints()).anyMatch(hint -> hint.contains("packs.twilio.default_from"));
                });
        assertThat(twilio.getAllServeEvents()).isEmpty();
    }

    @Test
    void placesACallWithTwiml() throws Exception {
        twilio.stubFor(post(urlEqualTo(CALLS_PATH)).willReturn(json(201, TwilioFixtures.callResource("queued", null))));
        String twiml = "<Response><Say>Your table is ready.</Say></Response>";

        Map<String, Object> output = tool("twilio.calls.create", settings(twilio.baseUrl())).invoke(call(
                "twilio.calls.create", Map.of("to", "+15558675310", "from", "+15017122661", "twiml", twiml)));

        assertThat(output).containsExactlyInAnyOrderEntriesOf(Map.of("sid", CALL_SID, "status", "queued"));
        LoggedRequest sent = only(postRequestedFor(urlEqualTo(CALLS_PATH)));
        assertThat(sent.getHeader("Authorization")).isEqualTo(BASIC_AUTH);
        assertThat(form(sent)).containsExactlyInAnyOrderEntriesOf(
                Map.of("To", "+15558675310", "From", "+15017122661", "Twiml", twiml));
    }

    @Test
    void placesACallWithAWebhookUrlFromTheDefaultCallerId() throws Exception {
        twilio.stubFor(post(urlEqualTo(CALLS_PATH)).willReturn(json(201, TwilioFixtures.callResource("queued", null))));
        Map<String, Object> settings = new HashMap<>(settings(twilio.baseUrl()));
        settings.put("default_from", "+15017122661");

        tool("twilio.calls.create", settings).invoke(call("twilio.calls.create",
                Map.of("to", "+15558675310", "url", "https://example.com/twiml/welcome.xml")));

        assertThat(form(only(postRequestedFor(urlEqualTo(CALLS_PATH))))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "To", "+15558675310", "From", "+15017122661", "Url", "https://example.com/twiml/welcome.xml"));
    }

    @Test
    void refusesACallWithBothOrNeitherOfUrlAndTwiml() {
        for (Map<String, Object> args : List.of(
                Map.<String, Object>of("to", "+15558675310", "from", "+15017122661"),
                Map.<String, Object>of("to", "+15558675310", "from", "+15017122661",
                        "url", "https://example.com/a.xml", "twiml", "<Response/>"))) {
            assertThatThrownBy(() -> tool("twilio.calls.create", settings(twilio.baseUrl()))
                    .invoke(call("twilio.calls.create", args)))
                    .isInstanceOfSatisfying(ToolException.class,
                            failure -> assertThat(failure.type()).isEqualTo(ErrorType.VALIDATION_ERROR))
                    .hasMessageContaining("exactly one of 'url' and 'twiml'");
        }
        assertThatThrownBy(() -> tool("twilio.calls.create", settings(twilio.baseUrl()))
                .invoke(call("twilio.calls.create", Map.of("to", "+15558675310", "twiml", "<Response/>"))))
                .isInstanceOfSatisfying(ToolException.class,
                        failure -> assertThat(failure.type()).isEqualTo(ErrorType.VALIDATION_ERROR))
                .hasMessageContaining("caller ID");
        assertThat(twilio.getAllServeEvents()).isEmpty();
    }

    @Test
    void looksUpACallWithAGet() throws Exception {
        twilio.stubFor(get(urlEqualTo(CALL_PATH)).willReturn(json(200, TwilioFixtures.callResource("completed", "42"))));

        Map<String, Object> output = tool("twilio.calls.status", settings(twilio.baseUrl()))
                .invoke(call("twilio.calls.status", Map.of("call_sid", CALL_SID)));

        assertThat(output).containsExactlyInAnyOrderEntriesOf(Map.of(
                "sid", CALL_SID, "status", "completed", "duration", 42, "direction", "outbound-api"));
        LoggedRequest sent = only(getRequestedFor(urlEqualTo(CALL_PATH)));
        assertThat(sent.getHeader("Authorization")).isEqualTo(BASIC_AUTH);
        assertThat(sent.getBodyAsString()).isEmpty();
    }

    @Test
    void answersANullDurationWhileTheCallIsUnderWay() throws Exception {
        twilio.stubFor(get(urlEqualTo(CALL_PATH)).willReturn(json(200, TwilioFixtures.callResource("in-progress", null))));

        Map<String, Object> output = tool("twilio.calls.status", settings(twilio.baseUrl()))
                .invoke(call("twilio.calls.status", Map.of("call_sid", CALL_SID)));

        assertThat(output).containsEntry("status", "in-progress").containsEntry("duration", null);
    }

    @Test
    void startsAVerificationOnTheVerifyHost() throws Exception {
        WireMockServer verify = new WireMockServer(options().dynamicPort());
        verify.start();
        try {
            verify.stubFor(post(urlEqualTo(VERIFICATIONS_PATH))
                    .willReturn(json(201, TwilioFixtures.verification("user@example.com", "email"))));

            Map<String, Object> output = tool("twilio.verify.start",
                    Map.of("base_url", twilio.baseUrl(), "verify_base_url", verify.baseUrl()))
                    .invoke(call("twilio.verify.start",
                            Map.of("service_sid", SERVICE_SID, "to", "user@example.com", "channel", "email")));

            assertThat(output).containsExactlyInAnyOrderEntriesOf(Map.of("sid", "VE0123456789abcdef0123456789abcdef",
                    "status", "pending", "to", "user@example.com", "channel", "email"));
            LoggedRequest sent = verify.findAll(postRequestedFor(urlEqualTo(VERIFICATIONS_PATH))).get(0);
            assertThat(sent.getHeader("Authorization")).isEqualTo(BASIC_AUTH);
            assertThat(form(sent)).containsExactlyInAnyOrderEntriesOf(
                    Map.of("To", "user@example.com", "Channel", "email"));
            assertThat(twilio.getAllServeEvents()).isEmpty();
        } finally {
            verify.stop();
        }
    }

    @Test
    void startsAnSmsVerificationByDefault() throws Exception {
        twilio.stubFor(post(urlEqualTo(VERIFICATIONS_PATH))
                .willReturn(json(201, TwilioFixtures.verification("+15558675310", "sms"))));

        tool("twilio.verify.start", settings(twilio.baseUrl()))
                .invoke(call("twilio.verify.start", Map.of("service_sid", SERVICE_SID, "to", "+15558675310")));

        assertThat(form(only(postRequestedFor(urlEqualTo(VERIFICATIONS_PATH))))).containsExactlyInAnyOrderEntriesOf(
                Map.of("To", "+15558675310", "Channel", "sms"));
    }

    @Test
    void checksACode() throws Exception {
        twilio.stubFor(post(urlEqualTo(VERIFICATION_CHECK_PATH))
                .willReturn(json(200, TwilioFixtures.verificationCheck("approved", true))));

        Map<String, Object> output = tool("twilio.verify.check", settings(twilio.baseUrl())).invoke(call(
                "twilio.verify.check", Map.of("service_sid", SERVICE_SID, "to", "+15558675310", "code", "123456")));

        assertThat(output).containsExactlyInAnyOrderEntriesOf(Map.of("status", "approved", "valid", true));
        LoggedRequest sent = only(postRequestedFor(urlEqualTo(VERIFICATION_CHECK_PATH)));
        assertThat(sent.getHeader("Authorization")).isEqualTo(BASIC_AUTH);
        assertThat(form(sent)).containsExactlyInAnyOrderEntriesOf(Map.of("To", "+15558675310", "Code", "123456"));
    }

    @Test
    void aWrongCodeIsNotValidAndStaysPending() throws Exception {
        twilio.stubFor(post(urlEqualTo(VERIFICATION_CHECK_PATH))
                .willReturn(json(200, TwilioFixtures.verificationCheck("pending", false))));

        Map<String, Object> output = tool("twilio.verify.check", settings(twilio.baseUrl())).invoke(call(
                "twilio.verify.check", Map.of("service_sid", SERVICE_SID, "to", "+15558675310", "code", "000000")));

        assertThat(output).containsExactlyInAnyOrderEntriesOf(Map.of("status", "pending", "valid", false));
    }

    @Test
    void keepsAPathPrefixOfTheBaseUrl() throws Exception {
        twilio.stubFor(get(urlEqualTo("/proxy/twilio" + CALL_PATH))
                .willReturn(json(200, TwilioFixtures.callResource("completed", "7"))));

        Map<String, Object> output = tool("twilio.calls.status", Map.of("base_url", twilio.baseUrl() + "/proxy/twilio/"))
                .invoke(call("twilio.calls.status", Map.of("call_sid", CALL_SID)));

        assertThat(output).containsEntry("duration", 7);
    }

    private LoggedRequest only(RequestPatternBuilder pattern) {
        List<LoggedRequest> requests = twilio.findAll(pattern);
        assertThat(requests).hasSize(1);
        assertThat(twilio.getAllServeEvents()).hasSize(1);
        return requests.get(0);
    }
}
