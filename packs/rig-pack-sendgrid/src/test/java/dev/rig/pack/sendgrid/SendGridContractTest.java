package dev.rig.pack.sendgrid;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.rig.testkit.PackContract;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** The sendgrid pack keeps the pack contract; each example runs against a stub answering as SendGrid would. */
class SendGridContractTest {

    private static final WireMockServer SENDGRID = new WireMockServer(options().dynamicPort());

    @BeforeAll
    static void start() {
        SENDGRID.start();
        String bearer = "Bearer " + SendGridFixtures.API_KEY;
        SENDGRID.stubFor(post(urlEqualTo("/v3/mail/send")).withHeader("Authorization", equalTo(bearer))
                .willReturn(SendGridFixtures.accepted()));
        SENDGRID.stubFor(get(urlEqualTo("/v3/templates?generations=dynamic&page_size=200"))
                .withHeader("Authorization", equalTo(bearer))
                .willReturn(SendGridFixtures.templatesPage(null,
                        "d-2c214ac919e84170b21855cc129b4a5f", "Order shipped", "dynamic")));
    }

    @AfterAll
    static void stop() {
        SENDGRID.stop();
    }

    @TestFactory
    Stream<DynamicTest> contract(@TempDir Path dir) {
        return PackContract.of(new SendGridPack())
                .settings(Map.of("base_url", SENDGRID.baseUrl()))
                .secrets(SendGridFixtures.SECRETS)
                .workingDirectory(dir)
                .tests();
    }
}
