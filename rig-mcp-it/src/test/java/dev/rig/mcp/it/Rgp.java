package dev.rig.mcp.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small RGP client for tests: JSON in, status and JSON out, the caller named by {@code X-RIG-Actor-ID}. */
final class Rgp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Rgp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** An answer: its HTTP status and JSON body. */
    record Reply(int status, JsonNode body) {
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    /** {@code POST /v1/tools/<tool>:call} with {@code {"args": args}} as {@code actor}. */
    Reply call(String tool, Map<String, Object> args, String actor) {
        return post("/v1/tools/" + tool + ":call", Map.of("args", args), actor);
    }

    /** {@code POST /v1/approvals/<token>:approve} as {@code actor}. */
    Reply approve(String token, String actor) {
        return post("/v1/approvals/" + token + ":approve", Map.of(), actor);
    }

    Reply post(String path, Object body, String actor) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(RealServers.json(body)));
        if (actor != null) {
            request.header("X-RIG-Actor-ID", actor);
        }
        return send(request);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
