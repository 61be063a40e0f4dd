package dev.rig.pack.elevenlabs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.rig.spi.ErrorType;
import dev.rig.spi.Media;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** elevenlabs.textToSpeech.create against a stub of POST /v1/text-to-speech/{voice_id}: the request, the media, the cap. */
class TextToSpeechToolTest {

    private static final WireMockServer stub = new WireMockServer(options().dynamicPort());
    private static final byte[] MP3 = mp3(2048);

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
    void postsTextAndModelAndReturnsTheAudioAsMedia() throws Exception {
        stub.stubFor(post(urlPathEqualTo("/v1/text-to-speech/" + ElevenLabs.RACHEL)).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "audio/mpeg").withBody(MP3)));

        Map<String, Object> output = tts(Map.of()).invoke(ElevenLabs.call("elevenlabs.textToSpeech.create",
                Map.of("voice_id", ElevenLabs.RACHEL, "text", "Hello, world!")));

        stub.verify(1, postRequestedFor(urlEqualTo("/v1/text-to-speech/" + ElevenLabs.RACHEL
                        + "?output_format=mp3_44100_128"))
                .withHeader("xi-api-key", equalTo(ElevenLabs.KEY))
                .withHeader("Accept", equalTo("audio/mpeg"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"text": "Hello, world!", "model_id": "eleven_multilingual_v2"}""")));
        assertThat(output).containsOnlyKeys("audio");
        assertThat(Media.is(output.get("audio"))).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Object> audio = (Map<String, Object>) output.get("audio");
        assertThat(audio).containsEntry("content_type", "audio/mpeg").containsEntry("bytes", MP3.length);
        assertThat(Base64.getDecoder().decode((String) audio.get("data_base64"))).isEqualTo(MP3);
    }

    @Test
    void sendsTheModelAsked() throws Exception {
        stub.stubFor(post(urlPathEqualTo("/v1/text-to-speech/" + ElevenLabs.RACHEL)).willReturn(aResponse()
                .withHeader("Content-Type", "audio/mpeg").withBody(MP3)));

        tts(Map.of()).invoke(ElevenLabs.call("elevenlabs.textToSpeech.create",
                Map.of("voice_id", ElevenLabs.RACHEL, "text", "Hi", "model_id", "eleven_flash_v2_5")));

        stub.verify(postRequestedFor(urlPathEqualTo("/v1/text-to-speech/" + ElevenLabs.RACHEL))
                .withRequestBody(equalToJson("{\"text\": \"Hi\", \"model_id\": \"eleven_flash_v2_5\"}")));
    }

    @Test
    void audioDeclaredLargerThanTheCapIsRefusedWithTheCapAndHowToRaiseIt() {
        stub.stubFor(post(urlPathEqualTo("/v1/text-to-speech/" + ElevenLabs.RACHEL)).willReturn(aResponse()
                .withHeader("Content-Type", "audio/mpeg").withBody(MP3)));

        assertThatThrownBy(() -> tts(Map.of("max_audio_bytes", 1000)).invoke(ElevenLabs.call(
                "elevenlabs.textToSpeech.create", Map.of("voice_id", ElevenLabs.RACHEL, "text", "Hello, world!"))))
                .isInstanceOfSatisfying(ToolException.class, TextToSpeechToolTest::isTheCap);
    }

    @Test
    void streamedAudioIsCutOffAtTheCap() {
        stub.stubFor(post(urlPathEqualTo("/v1/text-to-speech/" + ElevenLabs.RACHEL)).willReturn(aResponse()
                .withHeader("Content-Type", "audio/mpeg").withBody(MP3).withChunkedDribbleDelay(4, 20)));

        assertThatThrownBy(() -> tts(Map.of("max_audio_bytes", "1000")).invoke(ElevenLabs.call(
                "elevenlabs.textToSpeech.create", Map.of("voice_id", ElevenLabs.RACHEL, "text", "Hello, world!"))))
                .isInstanceOfSatisfying(ToolException.class, TextToSpeechToolTest::isTheCap);
    }

    @Test
    void audioExactlyAtTheCapIsReturned() throws Exception {
        stub.stubFor(post(urlPathEqualTo("/v1/text-to-speech/" + ElevenLabs.RACHEL)).willReturn(aResponse()
                .withHeader("Content-Type", "audio/mpeg").withBody(MP3).withChunkedDribbleDelay(4, 20)));

        Map<String, Object> output = tts(Map.of("max_audio_bytes", MP3.length)).invoke(ElevenLabs.call(
                "elevenlabs.textToSpeech.create", Map.of("voice_id", ElevenLabs.RACHEL, "text", "Hello, world!")));

        assertThat(output.get("audio")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("bytes", MP3.length);
    }

    @Test
    void readingStopsAtTheFirstByteOverTheCapOfAnEndlessStream() throws Exception {
        long[] served = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served[0]++;
                return 0x55;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Arrays.fill(b, off, off + len, (byte) 0x55);
                served[0] += len;
                return len;
            }
        };

        assertThat(ElevenLabsApi.readAtMost(endless, 100_000)).isNull();
        assertThat(served[0]).isEqualTo(100_001);
        assertThat(ElevenLabsApi.readAtMost(new java.io.ByteArrayInputStream(MP3), MP3.length)).isEqualTo(MP3);
    }

    @Test
    void anAnswerThatIsNotAudioIsAnUpstreamError() {
        stub.stubFor(post(urlPathEqualTo("/v1/text-to-speech/" + ElevenLabs.RACHEL)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"ok\": true}")));

        assertThatThrownBy(() -> tts(Map.of()).invoke(ElevenLabs.call("elevenlabs.textToSpeech.create",
                Map.of("voice_id", ElevenLabs.RACHEL, "text", "Hi"))))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.UPSTREAM_ERROR);
                    assertThat(e.getMessage()).contains("application/json instead of audio");
                });
    }

    @Test
    void theOutputSchemaIsMedias() {
        assertThat(tts(Map.of()).definition().outputSchema()).contains(Media.SCHEMA);
    }

    private static void isTheCap(ToolException e) {
        assertThat(e.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("max_audio_bytes (1000 bytes)");
        assertThat(e.hints()).contains("or raise packs.elevenlabs.max_audio_bytes in rig.yaml")
                .anyMatch(h -> h.startsWith("split text"));
    }

    private static Tool tts(Map<String, Object> settings) {
        Map<String, Object> all = new java.util.HashMap<>(settings);
        all.put("base_url", stub.baseUrl());
        return ElevenLabs.tools(all).get("elevenlabs.textToSpeech.create");
    }

    /** Bytes that start like an MP3 with an ID3 tag. */
    private static byte[] mp3(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31);
        }
        bytes[0] = 'I';
        bytes[1] = 'D';
        bytes[2] = '3';
        return bytes;
    }
}
