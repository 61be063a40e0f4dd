package dev.rig.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.Gateway;
import dev.rig.core.config.RigConfig;
import dev.rig.core.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stdio transport's own duties, line by line: answering the handshake while the gateway is
 * still opening, holding tool requests until its tools are served, parse errors for non-JSON lines,
 * and ending when input ends. (Real MCP clients drive it in rig-mcp-it.)
 */
class McpStdioTest {

    @TempDir
    Path dir;

    private PrintStream toServer;
    private BufferedReader fromServer;
    private CompletableFuture<Gateway> opening;
    private CompletableFuture<Void> serving;

    @BeforeEach
    void start() throws IOException {
        PipedInputStream serverIn = new PipedInputStream(1 << 16);
        toServer = new PrintStream(new PipedOutputStream(serverIn), true, StandardCharsets.UTF_8);
        PipedInputStream clientIn = new PipedInputStream(1 << 16);
        PipedOutputStream serverOut = new PipedOutputStream(clientIn);
        fromServer = new BufferedReader(new InputStreamReader(clientIn, StandardCharsets.UTF_8));
        opening = new CompletableFuture<>();
        RigConfig config = RigConfig.defaults(dir);
        serving = CompletableFuture.runAsync(() -> {
            try {
                McpStdio.serve(opening, config, serverIn, serverOut);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        toServer.close();
        serving.get(10, TimeUnit.SECONDS);
        if (opening.isDone()) {
            opening.join().close();
        }
    }

    private JsonNode next() throws Exception {
        return Json.parse(fromServer.readLine());
    }

    private void send(String json) {
        toServer.println(json);
    }

    private void initialize() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"pipe\",\"version\":\"1\"}}}");
        JsonNode answer = next();
        assertThat(answer.path("result").path("serverInfo").path("name").asText()).isEqualTo("rig");
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    @Test
    void theHandshakeIsAnsweredBeforeTheGatewayIsOpenAndToolRequestsWaitForIt() throws Exception {
        initialize(); // answered although the gateway is not open yet
        send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
        send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                + "\"arguments\":{\"message\":\"hi\"}}}");

        opening.complete(Gateway.open(RigConfig.defaults(dir)));

        JsonNode list = next();
        assertThat(list.path("id").asInt()).isEqualTo(2);
        assertThat(list.path("result").path("tools").findValuesAsText("name")).contains("echo", "fs.read_file");
        JsonNode call = next();
        assertThat(call.path("id").asInt()).isEqualTo(3);
        assertThat(call.path("result").path("structuredContent").path("message").asText()).isEqualTo("hi");
    }

    @Test
    void anOlderClientNegotiatesProtocol20250618() throws Exception {
        opening.complete(Gateway.open(RigConfig.defaults(dir)));
        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"older\",\"version\":\"1\"}}}");

        assertThat(next().path("result").path("protocolVersion").asText()).isEqualTo("2025-06-18");
    }

    @Test
    void aLineThatIsNotJsonGetsAParseErrorAndTheSessionGoesOn() throws Exception {
        opening.complete(Gateway.open(RigConfig.defaults(dir)));
        initialize();

        send("this is not json");
        JsonNode error = next();
        assertThat(error.path("error").path("code").asInt()).isEqualTo(-32700);
        assertThat(error.path("id").isNull()).isTrue();

        send("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"}");
        assertThat(next().path("id").asInt()).isEqualTo(9);
    }

    @Test
    void theServerEndsWhenItsInputEnds() throws Exception {
        opening.complete(Gateway.open(RigConfig.defaults(dir)));
        initialize();

        toServer.close();

        serving.get(10, TimeUnit.SECONDS);
        assertThat(serving).isDone();
    }
}
