package dev.rig.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.Gateway;
import dev.rig.core.config.ConfigLoader;
import dev.rig.core.config.RigConfig;
import dev.rig.core.config.ServerSettings;
import dev.rig.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real gateway (echo and fs packs from the test class path, SQLite in a temporary directory)
 * behind a real {@link RgpServer} on a free port, and a real HTTP client to talk to it.
 */
final class TestGateway implements AutoCloseable {

    /** A clock the test moves by hand. */
    static final class ManualClock implements InstantSource {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));

        @Override
        public Instant instant() {
            return now.get();
        }

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }
    }

    /** One HTTP answer. */
    record Reply(int status, java.net.http.HttpHeaders headers, String text) {

        JsonNode json() {
            try {
                return Json.parse(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }

        /** Asserts an RGP error answer: JSON {@code {"error": ToolError}} with no stack-trace text. */
        JsonNode error(int expectedStatus, String expectedType) {
            assertThat(status).as(text).isEqualTo(expectedStatus);
            assertThat(contentType()).startsWith("application/json");
            assertThat(text).doesNotContain("Exception").doesNotContain("at dev.rig").doesNotContain("at io.javalin");
            JsonNode error = json().get("error");
            assertThat(error).as(text).isNotNull();
            assertThat(error.get("type").asText()).isEqualTo(expectedType);
            assertThat(error.get("correlation_id").asText()).isEqualTo(header(RgpHeaders.CORRELATION_ID));
            return error;
        }
    }

    final Path dir;
    final ManualClock clock = new ManualClock();
    final Gateway gateway;
    final RgpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private TestGateway(Path dir, ServerSettings settings) {
        this.dir = dir;
        RigConfig config = ConfigLoader.load(dir);
        this.gateway = Gateway.open(config, clock, Duration.ofMillis(1), Map.of());
        this.server = RgpServer.start(gateway, settings);
    }

    /** A gateway on {@code dir}, configured by {@code rigYaml} (null: the defaults), serving on a free port. */
    static TestGateway start(Path dir, String rigYaml) {
        return start(dir, rigYaml, new ServerSettings("127.0.0.1", 0, ServerSettings.DEFAULT_MAX_BODY_BYTES));
    }

    static TestGateway start(Path dir, String rigYaml, ServerSettings settings) {
        try {
            if (rigYaml != null) {
                Files.writeString(dir.resolve(ConfigLoader.FILE_NAME), rigYaml);
            }
            Files.createDirectories(dir.resolve("workspace"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestGateway(dir, settings);
    }

    Reply get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    Reply post(String path, String body, String... headers) {
        return send(request(path, headers).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A POST whose body has no declared length (sent chunked). */
    Reply postChunked(String path, InputStream body, String... headers) {
        return send(request(path, headers).POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build());
    }

    Reply send(String method, String path, String... headers) {
        return send(request(path, headers).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Calls {@code tool} with {@code body} (the whole call body, JSON text). */
    Reply call(String tool, String body, String... headers) {
        return post("/v1/tools/" + tool + ":call", body, headers);
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            gateway.close();
            client.close();
        }
    }
}
