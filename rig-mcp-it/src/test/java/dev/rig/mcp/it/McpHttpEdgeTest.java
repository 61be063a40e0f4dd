package dev.rig.mcp.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw HTTP at {@code /mcp}: what a browser page or an oversized request meets before any MCP
 * handling (DNS rebinding protection through {@code Origin}, the body cap of
 * {@code server.max_body_bytes}), and a malformed body.
 */
class McpHttpEdgeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 1024;
    private static final String INITIALIZE = """
            {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-11-25",
             "capabilities": {}, "clientInfo": {"name": "raw-http", "version": "1.0.0"}}}""";

    @TempDir
    Path dir;

    private TestRig rig;
    private HttpClient http;

    @BeforeEach
    void start() {
        rig = TestRig.start(dir, "server: {max_body_bytes: " + MAX_BODY + "}\n");
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() {
        http.close();
        rig.close();
    }

    @Test
    void aRequestFromAForeignOriginIsRefusedWith403AndAJsonError() throws Exception {
        HttpResponse<String> response = post(INITIALIZE, "http://evil.example");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("error").path("message").asText()).contains("allowed_origins");
        assertThat(response.headers().firstValue("Mcp-Session-Id")).as("no session was made").isEmpty();
    }

    @Test
    void aRequestFromALocalOriginIsServed() throws Exception {
        HttpResponse<String> response = post(INITIALIZE, "http://localhost:1234");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Mcp-Session-Id")).isPresent();
        assertThat(response.body()).contains("\"rig\"").contains("2025-11-25");
    }

    @Test
    void aBodyOverTheServerLimitIsRefusedWith413() throws Exception {
        String big = INITIALIZE.replace("raw-http", "x".repeat(MAX_BODY));

        HttpResponse<String> response = post(big, null);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).path("error").path("message").asText())
                .contains("max_body_bytes");
    }

    @Test
    void aChunkedBodyOverTheServerLimitIsRefusedWith413() throws Exception {
        byte[] big = INITIALIZE.replace("raw-http", "x".repeat(MAX_BODY)).getBytes();
        HttpRequest request = request(null).POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(big))).build(); // no Content-Length: chunked

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void aMalformedBodyGetsAJsonRpcParseErrorWithoutJavaInternals() throws Exception {
        HttpResponse<String> response = post("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": ", null);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        String start = response.body().substring(0, Math.min(160, response.body().length()));
        // The SDK's servlet transport writes the McpError exception itself, stack trace included
        // (modelcontextprotocol/java-sdk#955); RIG's endpoint must answer malformed JSON itself.
        assertThat(body.has("stackTrace")).as("a Java exception must not be the answer: %s...", start).isFalse();
        assertThat(body.path("jsonrpc").asText()).as("a JSON-RPC error response: %s...", start).isEqualTo("2.0");
        assertThat(body.path("error").path("code").asInt()).as("JSON-RPC parse error").isEqualTo(-32700);
    }

    @Test
    void anUnknownSessionIsAnswered404SoTheClientStartsANewOne() throws Exception {
        HttpRequest request = request(null).header("Mcp-Session-Id", "no-such-session")
                .header("MCP-Protocol-Version", "2025-11-25")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"jsonrpc": "2.0", "id": 2, "method": "tools/list"}""")).build();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> post(String body, String origin) throws Exception {
        return http.send(request(origin).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String origin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(rig.mcpUrl()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream");
        return origin == null ? request : request.header("Origin", origin);
    }
}
