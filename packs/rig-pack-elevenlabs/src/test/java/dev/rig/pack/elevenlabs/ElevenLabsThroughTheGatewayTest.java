package dev.rig.pack.elevenlabs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.rig.core.api.ToolResult;
import dev.rig.spi.ErrorType;
import dev.rig.spi.Media;
import dev.rig.testkit.PackGateway;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pack inside a real gateway: a throttled read retried, a write never repeated, audio past the output check. */
class ElevenLabsThroughTheGatewayTest {

    private static final WireMockServer stub = new WireMockServer(options().dynamicPort());

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        stub.start();
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
    void aThrottledVoiceListIsRetriedAfterRetryAfter() {
        stub.stubFor(get(urlEqualTo("/v1/voices")).inScenario("throttle").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"detail\": {\"status\": \"system_busy\", \"message\": \"busy\"}}"))
                .willSetStateTo("calm"));
        stub.stubFor(get(urlEqualTo("/v1/voices")).inScenario("throttle").whenScenarioStateIs("calm")
                .willReturn(okJson("{\"voices\": [{\"voice_id\": \"v1\", \"name\": \"Rachel\", \"category\": \"premade\"}]}")));

        try (PackGateway rig = gateway().open(dir)) {
            ToolResult result = rig.call("elevenlabs.voices.list", Map.of());

            assertThat(result.ok()).as("%s", result.error()).isTrue();
            assertThat(result.output()).isEqualTo(Map.of("voices",
                    List.of(Map.of("voice_id", "v1", "name", "Rachel", "category", "premade"))));
        }
        stub.verify(2, getRequestedFor(urlEqualTo("/v1/voices")));
    }

    @Test
    void aThrottledSpeechIsNotRepeated() {
        stub.stubFor(post(urlPathEqualTo("/v1/text-to-speech/" + ElevenLabs.RACHEL)).willReturn(aResponse()
                .withStatus(429).withHeader("Retry-After", "0").withHeader("Content-Type", "application/json")
                .withBody("{\"detail\": {\"status\": \"too_many_concurrent_requests\", \"message\": \"slow down\"}}")));

        try (PackGateway rig = gateway().retries(3).open(dir)) {
            ToolResult result = rig.call("elevenlabs.textToSpeech.create",
                    Map.of("voice_id", ElevenLabs.RACHEL, "text", "Hello"));

            assertThat(result.ok()).isFalse();
            assertThat(result.error().type()).isEqualTo(ErrorType.RATE_LIMITED);
        }
        stub.verify(1, postRequestedFor(urlPathEqualTo("/v1/text-to-speech/" + ElevenLabs.RACHEL)));
    }

    @Test
    void speechPassesTheOutputCheckAsMedia() {
        byte[] mp3 = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0, 1, 2, 3};
        stub.stubFor(post(urlPathEqualTo("/v1/text-to-speech/" + ElevenLabs.RACHEL)).willReturn(aResponse()
                .withHeader("Content-Type", "audio/mpeg").withBody(mp3)));

        try (PackGateway rig = gateway().open(dir)) {
            ToolResult result = rig.call("elevenlabs.textToSpeech.create",
                    Map.of("voice_id", ElevenLabs.RACHEL, "text", "Hello"));

            assertThat(result.ok()).as("%s", result.error()).isTrue();
            assertThat(Media.is(result.output().get("audio"))).isTrue();
            assertThat(result.output().get("audio")).isEqualTo(Media.of("audio/mpeg", mp3));
        }
    }

    @Test
    void theCapSettingReachesTheToolThroughRigYaml() {
        stub.stubFor(post(urlPathEqualTo("/v1/text-to-speech/" + ElevenLabs.RACHEL)).willReturn(aResponse()
                .withHeader("Content-Type", "audio/mpeg").withBody(new byte[64])));

        try (PackGateway rig = gateway().setting("max_audio_bytes", 32).open(dir)) {
            ToolResult result = rig.call("elevenlabs.textToSpeech.create",
                    Map.of("voice_id", ElevenLabs.RACHEL, "text", "Hello"));

            assertThat(result.ok()).isFalse();
            assertThat(result.error().type()).isEqualTo(ErrorType.VALIDATION_ERROR);
            assertThat(result.error().message()).contains("max_audio_bytes (32 bytes)");
        }
    }

    private static PackGateway.Builder gateway() {
        return PackGateway.forPack("elevenlabs").setting("base_url", stub.baseUrl())
                .secret("ELEVENLABS_API_KEY", ElevenLabs.KEY);
    }
}
