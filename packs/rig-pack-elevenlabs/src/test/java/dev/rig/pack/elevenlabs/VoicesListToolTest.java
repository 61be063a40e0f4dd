package dev.rig.pack.elevenlabs;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.rig.spi.ErrorType;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** elevenlabs.voices.list against a stub of GET /v1/voices. */
class VoicesListToolTest {

    private static final WireMockServer stub = new WireMockServer(options().dynamicPort());
    private static Tool voices;

    @BeforeAll
    static void start() {
        stub.start();
        voices = ElevenLabs.tools(stub).get("elevenlabs.voices.list");
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
    void listsEachVoicesIdNameAndCategory() throws Exception {
        stub.stubFor(get(urlEqualTo("/v1/voices")).willReturn(okJson("""
                {"voices": [
                  {"voice_id": "21m00Tcm4TlvDq8ikWAM", "name": "Rachel", "samples": null, "category": "premade",
                   "fine_tuning": {"is_allowed_to_fine_tune": false}, "labels": {"accent": "american"},
                   "description": null, "preview_url": "https://example.com/rachel.mp3",
                   "available_for_tiers": [], "settings": null, "sharing": null, "high_quality_base_model_ids": []},
                  {"voice_id": "cloned123", "name": null, "category": null},
                  {"name": "no id, unusable"}]}""")));

        Map<String, Object> output = voices.invoke(ElevenLabs.call("elevenlabs.voices.list", Map.of()));

        stub.verify(1, getRequestedFor(urlEqualTo("/v1/voices"))
                .withHeader("xi-api-key", equalTo(ElevenLabs.KEY))
                .withHeader("Accept", equalTo("application/json")));
        Map<String, Object> cloned = new HashMap<>();
        cloned.put("voice_id", "cloned123");
        cloned.put("name", null);
        cloned.put("category", null);
        assertThat(output).isEqualTo(Map.of("voices", List.of(
                Map.of("voice_id", "21m00Tcm4TlvDq8ikWAM", "name", "Rachel", "category", "premade"), cloned)));
    }

    @Test
    void anAnswerWithoutVoicesIsAnUpstreamError() {
        stub.stubFor(get(urlEqualTo("/v1/voices")).willReturn(okJson("{\"detail\": \"not here\"}")));

        assertThatThrownBy(() -> voices.invoke(ElevenLabs.call("elevenlabs.voices.list", Map.of())))
                .isInstanceOfSatisfying(ToolException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.UPSTREAM_ERROR));
    }
}
