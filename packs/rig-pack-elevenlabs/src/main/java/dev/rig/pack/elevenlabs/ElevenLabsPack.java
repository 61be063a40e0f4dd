package dev.rig.pack.elevenlabs;

import dev.rig.spi.Pack;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.Tool;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

/**
 * The {@code elevenlabs} pack: voices and text to speech over the ElevenLabs REST API, with the JDK
 * HTTP client (ElevenLabs has no official Java SDK).
 *
 * <p>Settings ({@code packs.elevenlabs} in rig.yaml): {@code base_url} (default
 * {@value #DEFAULT_BASE_URL}) and {@code max_audio_bytes}, the largest audio a call returns (default
 * {@value #DEFAULT_MAX_AUDIO_BYTES}, 10 MiB).
 */
public final class ElevenLabsPack implements Pack {

    static final String DEFAULT_BASE_URL = "https://api.elevenlabs.io";
    static final long DEFAULT_MAX_AUDIO_BYTES = 10L * 1024 * 1024;

    private HttpClient http;

    @Override
    public String id() {
        return "elevenlabs";
    }

    @Override
    public String version() {
        return "0.1.0";
    }

    @Override
    public String description() {
        return "Lists ElevenLabs voices and turns text into speech: MP3 audio returned as a media object, at most"
                + " max_audio_bytes (10 MiB unless configured).";
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code base_url} or {@code max_audio_bytes} is invalid
     */
    @Override
    public List<Tool> tools(PackEnvironment environment) {
        ElevenLabsApi api = new ElevenLabsApi(http(), baseUrl(environment.setting("base_url", DEFAULT_BASE_URL)));
        long maxAudioBytes = maxAudioBytes(environment.settings().get("max_audio_bytes"));
        return List.of(new VoicesListTool(api), new TextToSpeechTool(api, maxAudioBytes));
    }

    private static URI baseUrl(String value) {
        try {
            URI uri = new URI(value.strip());
            if (("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && uri.getRawQuery() == null) {
                String text = uri.toString();
                return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("base_url: expected an http(s) URL such as " + DEFAULT_BASE_URL
                + ", got " + value);
    }

    private static long maxAudioBytes(Object value) {
        if (value == null) {
            return DEFAULT_MAX_AUDIO_BYTES;
        }
        try {
            long parsed = new BigDecimal(value.toString().strip()).longValueExact();
            if (parsed >= 1) {
                return parsed;
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("max_audio_bytes: expected a positive number of bytes, got " + value);
    }

    /** One client for the pack's lifetime, made on first use: it holds no credential. */
    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        }
        return http;
    }
}
