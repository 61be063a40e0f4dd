package dev.rig.pack.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.rig.pack.twilio.TwilioFixtures.BASIC_AUTH;
import static dev.rig.pack.twilio.TwilioFixtures.CALLS_PATH;
import static dev.rig.pack.twilio.TwilioFixtures.CALL_PATH;
import static dev.rig.pack.twilio.TwilioFixtures.MESSAGES_PATH;
import static dev.rig.pack.twilio.TwilioFixtures.VERIFICATIONS_PATH;
import static dev.rig.pack.twilio.TwilioFixtures.VERIFICATION_CHECK_PATH;
import static dev.rig.pack.twilio.TwilioFixtures.json;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.rig.testkit.PackContract;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** The twilio pack keeps the pack contract; each example runs against a stub answering as Twilio would. */
class TwilioContractTest {

    private static final WireMockServer TWILIO = new WireMockServer(options().dynamicPort());

    @BeforeAll
    static void start() {
        TWILIO.start();
        TWILIO.stubFor(post(urlEqualTo(MESSAGES_PATH)).withHeader("Authorization", equalTo(BASIC_AUTH))
                .withFormParam("To", equalTo("+15558675310")).withFormParam("From", equalTo("+15017122661"))
                .willReturn(json(201, TwilioFixtures.message("SM1f0e8ae6ade43cb3c0ce4525424e404f", "queued",
                        "+15558675310", "+15017122661"))));
        TWILIO.stubFor(post(urlEqualTo(CALLS_PATH)).withHeader("Authorization", equalTo(BASIC_AUTH))
                .withFormParam("Twiml", equalTo("<Response><Say>Your table is ready.</Say></Response>"))
                .willReturn(json(201, TwilioFixtures.callResource("queued", null))));
        TWILIO.stubFor(get(urlEqualTo(CALL_PATH)).withHeader("Authorization", equalTo(BASIC_AUTH))
                .willReturn(json(200, TwilioFixtures.callResource("completed", "42"))));
        TWILIO.stubFor(post(urlEqualTo(VERIFICATIONS_PATH)).withHeader("Authorization", equalTo(BASIC_AUTH))
                .withFormParam("Channel", equalTo("sms"))
                .willReturn(json(201, TwilioFixtures.verification("+15558675310", "sms"))));
        TWILIO.stubFor(post(urlEqualTo(VERIFICATION_CHECK_PATH)).withHeader("Authorization", equalTo(BASIC_AUTH))
                .withFormParam("Code", equalTo("123456"))
                .willReturn(json(200, TwilioFixtures.verificationCheck("approved", true))));
    }

    @AfterAll
    static void stop() {
        TWILIO.stop();
    }

    @TestFactory
    Stream<DynamicTest> contract(@TempDir Path dir) {
        return PackContract.of(new TwilioPack())
                .settings(TwilioFixtures.settings(TWILIO.baseUrl()))
                .secrets(TwilioFixtures.SECRETS)
                .workingDirectory(dir)
                .tests();
    }
}
