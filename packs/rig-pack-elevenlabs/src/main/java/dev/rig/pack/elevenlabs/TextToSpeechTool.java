package dev.rig.pack.elevenlabs;

import dev.rig.spi.ErrorType;
import dev.rig.spi.Media;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code elevenlabs.textToSpeech.create}: speaks a text in a voice
 * ({@code POST /v1/text-to-speech/<voice_id>}) and returns the MP3 as a {@link Media} object.
 *
 * <p>The audio is read as it streams in and never beyond {@code max_audio_bytes}: a declared
 * {@code Content-Length} over the cap is refused before reading, and a stream that passes the cap is
 * closed at the first byte too many.
 */
final class TextToSpeechTool implements Tool {

    static final String DEFAULT_MODEL = "eleven_multilingual_v2";
    static final String OUTPUT_FORMAT = "mp3_44100_128";

    private final ElevenLabsApi api;
    private final long maxAudioBytes;
    private final ToolDef definition;

    TextToSpeechTool(ElevenLabsApi api, long maxAudioBytes) {
        this.api = api;
        this.maxAudioBytes = maxAudioBytes;
        this.definition = ToolDef.builder("elevenlabs.textToSpeech.create")
                .description("Speaks the text in an ElevenLabs voice and returns the audio (MP3, 44.1 kHz, 128 kbps)"
                        + " as a media object; uses the account's characters. Audio over " + maxAudioBytes
                        + " bytes (max_audio_bytes) is refused: split long texts.")
                .risk(RiskClass.WRITE)
                .authSlots(ElevenLabsApi.KEY_SLOT)
                .tags("elevenlabs", "audio")
                .inputSchema("""
                        {"type": "object",
                         "properties": {
                           "voice_id": {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$",
                                        "description": "A voice_id from elevenlabs.voices.list."},
                           "text": {"type": "string", "minLength": 1, "maxLength": 40000},
                           "model_id": {"type": "string", "pattern": "^[A-Za-z0-9_.-]{1,64}$", "default": "%s",
                                        "description": "eleven_multilingual_v2, eleven_flash_v2_5, eleven_v3..."}},
                         "required": ["voice_id", "text"],
                         "additionalProperties": false}""".formatted(DEFAULT_MODEL))
                .outputSchema("""
                        {"type": "object",
                         "properties": {"audio": %s},
                         "required": ["audio"],
                         "additionalProperties": false}""".formatted(Media.SCHEMA))
                .example("hello", "Say hello in Rachel's voice.", """
                        {"voice_id": "21m00Tcm4TlvDq8ikWAM", "text": "Hello!"}""", """
                        {"audio": {"content_type": "audio/mpeg", "data_base64": "SUQzBAAAAAAAAA==", "bytes": 10}}""")
                .build();
    }

    @Override
    public ToolDef definition() {
        return definition;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        String voice = string(call, "voice_id");
        String text = string(call, "text");
        String model = call.args().get("model_id") == null ? DEFAULT_MODEL : string(call, "model_id");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text);
        body.put("model_id", model);
        HttpResponse<InputStream> response = api.send(call, "POST", "/v1/text-to-speech/"
                + URLEncoder.encode(voice, StandardCharsets.UTF_8) + "?output_format=" + OUTPUT_FORMAT, body,
                "audio/mpeg");
        String contentType = contentType(call, response);
        OptionalLong declared = response.headers().firstValueAsLong("Content-Length");
        if (declared.isPresent() && declared.getAsLong() > maxAudioBytes) {
            ElevenLabsApi.discard(response);
            throw tooLarge(call);
        }
        byte[] audio = api.read(call, response.body(), maxAudioBytes);
        if (audio == null) {
            throw tooLarge(call);
        }
        return Map.of("audio", Media.of(contentType, audio));
    }

    /** The answer's audio type ({@code audio/mpeg} when unnamed); anything but audio is an upstream error. */
    private static String contentType(ToolCall call, HttpResponse<InputStream> response) throws ToolException {
        String header = response.headers().firstValue("Content-Type").orElse(null);
        if (header == null || header.isBlank()) {
            return "audio/mpeg";
        }
        String type = header.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!type.startsWith("audio/")) {
            ElevenLabsApi.discard(response);
            throw ToolException.builder(ErrorType.UPSTREAM_ERROR, "ElevenLabs answered " + call.toolName()
                    + " with " + type + " instead of audio").hint("check packs.elevenlabs.base_url").build();
        }
        return type;
    }

    private ToolException tooLarge(ToolCall call) {
        return ToolException.builder(ErrorType.VALIDATION_ERROR, "the audio for this text is larger than"
                        + " max_audio_bytes (" + maxAudioBytes + " bytes) and was not returned; ElevenLabs still"
                        + " counted the characters")
                .hint("split text into shorter parts and call " + call.toolName() + " for each")
                .hint("or raise packs.elevenlabs.max_audio_bytes in rig.yaml")
                .build();
    }

    private static String string(ToolCall call, String name) throws ToolException {
        if (!(call.args().get(name) instanceof String value) || value.isEmpty()) {
            throw ToolException.of(ErrorType.VALIDATION_ERROR, name + " must be a non-empty string");
        }
        return value;
    }
}
