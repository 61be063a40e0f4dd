package dev.rig.pack.elevenlabs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.rig.testkit.PackContract;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** The pack contract (testkit), each example run against a stub that answers exactly that request. */
class ElevenLabsContractTest {

    private static final WireMockServer stub = new WireMockServer(options().dynamicPort());

    @BeforeAll
    static void start() {
        stub.start();
        stub.stubFor(get(urlEqualTo("/v1/voices")).withHeader("xi-api-key", equalTo(ElevenLabs.KEY))
                .willReturn(okJson("""
                        {"voices": [
                          {"voice_id": "21m00Tcm4TlvDq8ikWAM", "name": "Rachel", "category": "premade",
                           "labels": {"accent": "american"}, "preview_url": "https://example.com/r.mp3"},
                          {"voice_id": "JBFqnCBsd6RMkjVDRZzb", "name": "George", "category": "premade"}]}""")));
        stub.stubFor(post(urlEqualTo("/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM?output_format=mp3_44100_128"))
                .withHeader("xi-api-key", equalTo(ElevenLabs.KEY))
                .withRequestBody(equalToJson("{\"text\": \"Hello!\", \"model_id\": \"eleven_multilingual_v2\"}"))
                .willReturn(aResponse().withHeader("Content-Type", "audio/mpeg")
                        .withBody(Base64.getDecoder().decode("SUQzBAAAAAAAAA=="))));
    }

    @AfterAll
    static void stop() {
        stub.stop();
    }

    @TestFactory
    Stream<DynamicTest> keepsThePackContract(@TempDir Path dir) {
        return PackContract.of(new ElevenLabsPack())
                .settings(Map.of("base_url", stub.baseUrl()))
                .secrets(Map.of("ELEVENLABS_API_KEY", ElevenLabs.KEY))
                .workingDirectory(dir)
                .tests();
    }
}
